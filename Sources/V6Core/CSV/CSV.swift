/// A CSV problem with the line it starts on.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// One record of a CSV file and the line it starts on (a quoted field may span lines).
public struct CSVRow: Sendable, Equatable {
    public var line: Int
    public var fields: [String]
}

/// RFC 4180 CSV as Excel and LibreOffice write it: comma-separated, `"` quoting with `""` for a quote,
/// CRLF or LF line ends, an optional UTF-8 byte order mark. Text stays exactly as written (no trimming).
/// Excel in locales whose decimal mark is a comma (Vietnamese among them) separates with `;`: the separator is
/// read from the header line. Only one byte order mark, at the very start of the file, is removed; a U+FEFF
/// anywhere else is text and is kept.
public enum CSV {
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Parses the whole input. Fails on invalid UTF-8, a stray quote inside an unquoted field, or a quote never closed.
    public static func parse(_ bytes: [UInt8]) throws(CSVError) -> [CSVRow] {
        var input = bytes[...]
        if input.starts(with: byteOrderMark) { input = input.dropFirst(3) }
        guard let text = String(validating: input, as: UTF8.self) else {
            throw CSVError(line: firstInvalidUTF8Line(Array(input)), message: "the file is not UTF-8 (in Excel choose \"CSV UTF-8\" when saving)")
        }
        let separator = Self.separator(ofHeaderIn: input)
        var rows: [CSVRow] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1, rowLine = 1
        var inQuotes = false, fieldWasQuoted = false, afterQuote = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        var rowHasContent = false

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
            afterQuote = false
        }
        func endRow() {
            endField()
            if rowHasContent || fields.count > 1 || !(fields.first ?? "").isEmpty {
                rows.append(CSVRow(line: rowLine, fields: fields))
            }
            fields = []
            rowHasContent = false
        }

        while let c = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = scalars.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; afterQuote = true; pending = next }
                    } else {
                        inQuotes = false; afterQuote = true
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case separator:
                endField(); rowHasContent = true
            case "\r":
                if let next = scalars.next(), next != "\n" { pending = next }
                endRow(); line += 1; rowLine = line
            case "\n":
                endRow(); line += 1; rowLine = line
            case "\"":
                if field.isEmpty && !fieldWasQuoted && !afterQuote {
                    inQuotes = true; fieldWasQuoted = true; rowHasContent = true
                } else {
                    throw CSVError(line: line, message: "a quote (\") inside a field that does not start with one; quote the whole field and double the quote (\"\")")
                }
            default:
                if afterQuote {
                    throw CSVError(line: line, message: "text after the closing quote of a field; a field must be wholly quoted")
                }
                field.append(c)
                rowHasContent = true
            }
        }
        if inQuotes { throw CSVError(line: rowLine, message: "a quoted field is never closed") }
        if rowHasContent || !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }

    /// `;` when the first line has semicolons and no comma outside quotes (Excel's "CSV" in comma-decimal
    /// locales), otherwise `,`.
    public static func separator(ofHeaderIn bytes: ArraySlice<UInt8>) -> Unicode.Scalar {
        var inQuotes = false, commas = 0, semicolons = 0
        for b in bytes {
            if b == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if b == 0x0A || b == 0x0D { break }
            if b == UInt8(ascii: ",") { commas += 1 }
            if b == UInt8(ascii: ";") { semicolons += 1 }
        }
        return commas == 0 && semicolons > 0 ? ";" : ","
    }

    private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1, start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            if String(validating: bytes[start..<i], as: UTF8.self) == nil { return line }
            line += 1; start = i + 1
        }
        return line
    }

    /// One record as text with CRLF (what Excel expects); fields quoted only when they need it. A record of one
    /// empty field is written `""`: an empty line would be skipped on reading.
    public static func formatRow(_ fields: [String]) -> String {
        if fields == [""] { return "\"\"\r\n" }
        return fields.map(formatField).joined(separator: ",") + "\r\n"
    }

    /// A field quoted when it holds a separator, quote or line end, starts or ends with a space, or starts with
    /// U+FEFF (unquoted at the start of a file it would read as a byte order mark and be dropped).
    public static func formatField(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first == " " || field.last == " " || field.unicodeScalars.first == "\u{FEFF}"
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A whole file: optional byte order mark (Excel needs it to read UTF-8), header, rows. Files made for a
    /// spreadsheet pass `guardingFormulas` so no cell can run as a formula (see `SpreadsheetFormulaGuard`).
    public static func format(header: [String], rows: [[String]], byteOrderMark: Bool, guardingFormulas: Bool = false) -> [UInt8] {
        func cell(_ text: String) -> String { guardingFormulas ? SpreadsheetFormulaGuard.guarded(text) : text }
        var text = formatRow(header.map(cell))
        for row in rows { text += formatRow(row.map(cell)) }
        return (byteOrderMark ? Self.byteOrderMark : []) + Array(text.utf8)
    }
}

extension String {
    /// Foundation-free replacement of every occurrence of `target`.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
