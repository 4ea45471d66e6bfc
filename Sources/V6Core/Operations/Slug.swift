/// Turns free text (a NetBox name, a Vietnamese site name) into an inventory id: lower-case ASCII letters, digits,
/// `-`, `_` and `.`. Vietnamese letters lose their marks (`Sở Tư pháp` → `so-tu-phap`, `đ` → `d`), so ids stay
/// readable; other characters become `-`, runs of `-` collapse, and `-` never starts or ends the id.
public enum Slug {
    public static func make(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for character in text.lowercased() {
            let base = fold(character)
            for scalar in base.unicodeScalars {
                let v = scalar.value
                let keep = (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || v == 0x5F || v == 0x2E
                if keep {
                    if pendingDash, !out.isEmpty { out.append("-") }
                    pendingDash = false
                    out.unicodeScalars.append(scalar)
                } else {
                    pendingDash = true
                }
            }
        }
        return out
    }

    /// The letter without its marks, for the Latin letters Vietnamese (and most European names) use.
    static func fold(_ c: Character) -> String {
        if c.isASCII { return String(c) }
        for (base, variants) in table where variants.contains(c) { return base }
        return String(c)
    }

    private static let table: [(String, String)] = [
        ("a", "àáảãạăằắẳẵặâầấẩẫậäåā"),
        ("e", "èéẻẽẹêềếểễệëē"),
        ("i", "ìíỉĩịïī"),
        ("o", "òóỏõọôồốổỗộơờớởỡợöøō"),
        ("u", "ùúủũụưừứửữựüū"),
        ("y", "ỳýỷỹỵÿ"),
        ("d", "đð"),
        ("c", "ç"),
        ("n", "ñ"),
        ("ss", "ß"),
    ]
}
