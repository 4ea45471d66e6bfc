/// Makes text safe to print on a terminal. Names and notes come from files other people wrote; an ESC/CSI/OSC
/// sequence in them could recolour, retitle or rewrite the screen, and a BiDi override reorders what is read.
/// Validation refuses those in the inventory; this is the last line for everything else (scan files, NetBox
/// exports, nmap XML, server banners).
public enum TerminalText {
    /// `text` with every C0 control except line feed and tab (and CR right before LF), DEL, every C1 control and
    /// the BiDi embedding, override and isolate controls written as `\uXXXX`. That form is also a valid JSON string
    /// escape, so JSON printed through it stays the same JSON.
    public static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: mayStartEscape) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            let crlf = s == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n"
            if needsEscape(s) && !crlf {
                let hex = String(s.value, radix: 16, uppercase: true)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\n" && s != "\t") || (0x7F...0x9F).contains(s.value)
            || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
    }

    /// A byte that can begin a scalar `needsEscape` may accept: a control, DEL, or the lead byte of U+0080–U+009F
    /// (0xC2) or of U+2000–U+2FFF (0xE2). Lets plain text through without decoding it.
    static func mayStartEscape(_ b: UInt8) -> Bool {
        (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F || b == 0xC2 || b == 0xE2
    }
}
