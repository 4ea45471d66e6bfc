/// Text from input files made safe inside Markdown (`plan.md`): what a name says is shown, never interpreted. A
/// device called `<img src=x onerror=…>` or `**URGENT**` or `a | b` must not become HTML, emphasis or a new table
/// column, and a line break (CR, LF, NEL, U+2028, U+2029) must not end the table row or the list item.
public enum MarkdownText {
    /// Every character CommonMark gives a meaning inline (and `#`, `>` that start blocks) gets a backslash; line
    /// breaks become spaces. Other text, Vietnamese included, is unchanged.
    public static func escaped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for s in text.unicodeScalars {
            defer { previousWasCR = s == "\r" }
            switch s {
            case "\n" where previousWasCR: continue
            case "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}": out.append(" ")
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "&", "!":
                out.append("\\"); out.append(s)
            default: out.append(s)
            }
        }
        return String(out)
    }
}
