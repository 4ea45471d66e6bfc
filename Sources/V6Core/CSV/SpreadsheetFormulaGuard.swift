/// Keeps spreadsheet programs from running cell text as a formula (CSV injection): a cell that starts with
/// `= + - @`, tab or CR is written with a leading `'`, which Excel and LibreOffice show as text and hide.
///
/// The mapping is reversible: a cell made of apostrophes followed by one of those characters gets exactly one more
/// apostrophe on export and loses exactly one on import, so export→import gives back the same bytes, also for text
/// that itself began with `'=`. Other cells (including `'abc`) are never touched.
public enum SpreadsheetFormulaGuard {
    static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Whether `text` is some apostrophes (maybe none) followed by a formula trigger.
    static func isApostrophesThenTrigger(_ text: Substring.UnicodeScalarView) -> Bool {
        guard let first = text.first(where: { $0 != "'" }) else { return false }
        return triggers.contains(first)
    }

    /// The cell as written to a file a spreadsheet will open.
    public static func guarded(_ cell: String) -> String {
        isApostrophesThenTrigger(cell[...].unicodeScalars) ? "'" + cell : cell
    }

    /// The cell as read back: removes the one apostrophe `guarded` added, and nothing else.
    public static func unguarded(_ cell: String) -> String {
        let scalars = cell[...].unicodeScalars
        guard scalars.first == "'", isApostrophesThenTrigger(scalars.dropFirst()) else { return cell }
        return String(String.UnicodeScalarView(scalars.dropFirst()))
    }
}
