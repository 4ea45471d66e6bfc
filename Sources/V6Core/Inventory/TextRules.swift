/// What a text field of an input file may hold. Names, notes and descriptions end up on terminals, in Markdown,
/// HTML and SVG reports and in spreadsheets: a control character (an ESC sequence that rewrites the terminal, a
/// NUL that ends the SVG, a newline that forges a line of a config file) or a BiDi override that reorders what the
/// reader sees has no business in them. Tab is allowed (spreadsheets paste it).
public enum TextRules {
    /// Longest text field, in characters: a long note fits, a 10 MB one does not.
    public static let maximumLength = 4096

    /// Why `text` may not be stored, or nil.
    public static func problem(with text: String) -> String? {
        if let bad = text.unicodeScalars.first(where: isRefused) {
            let hex = String(bad.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            let kind = isBiDiControl(bad) ? "a BiDi control character" : "a control character"
            return "contains \(kind) (\(code)); text fields may not hold control characters"
        }
        let length = text.count
        if length > maximumLength { return "is \(length) characters long; at most \(maximumLength)" }
        return nil
    }

    /// C0 and C1 controls except tab, DEL, and the BiDi embedding, override and isolate controls.
    static func isRefused(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t") || (0x7F...0x9F).contains(s.value) || isBiDiControl(s)
    }

    static func isBiDiControl(_ s: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
    }
}
