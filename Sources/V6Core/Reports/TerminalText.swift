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
        // Byte by byte over the UTF-8, copying everything else as it is: a report of many megabytes with
        // Vietnamese text (whose "–" and "…" start with 0xE2) costs one pass, not a scalar-by-scalar rebuild.
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            var value: UInt32?
            var width = 1
            if b < 0x20 && b != 0x0A && b != 0x09 {
                if !(b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) { value = UInt32(b) }
            } else if b == 0x7F {
                value = 0x7F
            } else if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) {
                value = UInt32(bytes[i + 1]); width = 2
            } else if b == 0xE2, i + 2 < bytes.count {
                let scalar = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                if (0x202A...0x202E).contains(scalar) || (0x2066...0x2069).contains(scalar) { value = scalar; width = 3 }
            }
            if let value {
                let hex = String(value, radix: 16, uppercase: true)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).utf8)
                i += width
            } else {
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
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
