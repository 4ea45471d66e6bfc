/// Devices and services as CSV for spreadsheets: one row per record, lists (addresses, ports) space-separated
/// in one cell. Export then import gives back the same inventory, byte for byte; cells that a spreadsheet would
/// run as a formula are written with a leading `'` that import removes (`SpreadsheetFormulaGuard`).
public enum InventoryCSV {
    public enum Kind: String, Sendable, CaseIterable {
        case devices, services
        public var columns: [String] {
            switch self {
            case .devices: return ["id", "agency", "name", "role", "vendor", "model", "os", "version", "segment",
                                   "ipv4", "ipv6", "owner", "criticality", "notes"]
            case .services: return ["id", "agency", "name", "kind", "category", "hostname", "ports", "ipv4", "ipv6",
                                    "audience", "device", "notes"]
            }
        }
        /// Columns a file must have; the rest may be left out.
        var requiredColumns: Set<String> {
            switch self {
            case .devices: return ["id", "agency", "name", "role", "vendor", "model", "segment"]
            case .services: return ["id", "agency", "name", "kind", "audience"]
            }
        }
    }

    // MARK: Export

    public static func export(_ inventory: Inventory, kind: Kind, byteOrderMark: Bool) -> [UInt8] {
        var rows: [[String]] = []
        for file in inventory.agencyFiles {
            let a = file.agency.id
            switch kind {
            case .devices:
                for d in file.devices {
                    rows.append([d.id, a, d.name, d.role.rawValue, d.vendor, d.model, d.os ?? "", d.version ?? "", d.segment,
                                 list(d.ipv4), list(d.ipv6), d.owner ?? "", d.criticality.rawValue, d.notes ?? ""])
                }
            case .services:
                for s in file.services {
                    rows.append([s.id, a, s.name, s.kind.rawValue, s.category ?? "", s.hostname ?? "",
                                 s.ports.map(String.init).joined(separator: " "), list(s.ipv4), list(s.ipv6),
                                 s.audience.rawValue, s.device ?? "", s.notes ?? ""])
                }
            }
        }
        return CSV.format(header: kind.columns, rows: rows, byteOrderMark: byteOrderMark, guardingFormulas: true)
    }

    private static func list(_ addresses: [IPAddress]) -> String { addresses.map(\.description).joined(separator: " ") }

    // MARK: Import

    /// The records of a CSV file, each with the agency it belongs to and its line.
    public struct Imported: Sendable {
        public var kind: Kind
        public var devices: [(agency: String, line: Int, device: Device)] = []
        public var services: [(agency: String, line: Int, service: Service)] = []
    }

    /// Guesses the kind from the header row: a `role` column means devices, a `kind` column services.
    public static func detectKind(_ header: [String]) -> Kind? {
        let names = Set(header.map { $0.trimmingSpaces().lowercased() })
        if names.contains("role") { return .devices }
        if names.contains("kind") || names.contains("ports") { return .services }
        return nil
    }

    /// Reads every row, reporting each bad cell as `file:line: column: problem`. Nothing is returned unless
    /// every row is good, so a failed import changes nothing.
    public static func read(_ bytes: [UInt8], kind requested: Kind?, file: String) -> Result<Imported, ValidationFailure> {
        let rows: [CSVRow]
        do { rows = try CSV.parse(bytes) } catch {
            return .failure(ValidationFailure([Diagnostic(file: file, line: error.line, message: error.message)]))
        }
        guard let header = rows.first else {
            return .failure(ValidationFailure([Diagnostic(file: file, line: 1, message: "the file is empty: it needs a header row")]))
        }
        guard let kind = requested ?? detectKind(header.fields) else {
            return .failure(ValidationFailure([Diagnostic(file: file, line: header.line,
                message: "cannot tell devices from services by the header; give --kind devices|services")]))
        }
        var problems: [Diagnostic] = []
        var columnIndex: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let key = name.trimmingSpaces().lowercased()
            if !kind.columns.contains(key) {
                problems.append(Diagnostic(file: file, line: header.line,
                    message: "unknown column \(quoted(name)); \(kind.rawValue) columns are: \(kind.columns.joined(separator: ","))"))
            } else if columnIndex[key] != nil {
                problems.append(Diagnostic(file: file, line: header.line, message: "column \(quoted(name)) appears twice"))
            } else {
                columnIndex[key] = i
            }
        }
        for missing in kind.requiredColumns.subtracting(columnIndex.keys).sorted() {
            problems.append(Diagnostic(file: file, line: header.line, message: "required column \(quoted(missing)) is missing"))
        }
        guard problems.isEmpty else { return .failure(ValidationFailure(problems)) }

        var result = Imported(kind: kind)
        for row in rows.dropFirst() {
            var cells = RowReader(row: row, columns: columnIndex, file: file, width: header.fields.count)
            switch kind {
            case .devices:
                let agency = cells.identifier("agency")
                let device = Device(
                    id: cells.identifier("id"), name: cells.required("name"),
                    role: cells.word("role", DeviceRole.self) ?? .other,
                    vendor: cells.required("vendor"), model: cells.required("model"),
                    os: cells.optional("os"), version: cells.optional("version"),
                    segment: cells.identifier("segment"),
                    ipv4: cells.addresses("ipv4", .v4), ipv6: cells.addresses("ipv6", .v6),
                    owner: cells.optional("owner"),
                    criticality: cells.optional("criticality") == nil ? .medium : (cells.word("criticality", Criticality.self) ?? .medium),
                    notes: cells.optional("notes"))
                result.devices.append((agency, row.line, device))
            case .services:
                let agency = cells.identifier("agency")
                let hostname = cells.optional("hostname")
                if let hostname, let why = HostNameRules.problem(with: hostname) { cells.problem("hostname", why) }
                let service = Service(
                    id: cells.identifier("id"), name: cells.required("name"),
                    kind: cells.word("kind", ServiceKind.self) ?? .other, category: cells.optional("category"),
                    hostname: hostname, ports: cells.ports("ports"),
                    ipv4: cells.addresses("ipv4", .v4), ipv6: cells.addresses("ipv6", .v6),
                    audience: cells.word("audience", Audience.self) ?? .internal,
                    device: cells.optional("device"), notes: cells.optional("notes"))
                if let device = service.device, let why = IdentifierRules.problem(with: device) { cells.problem("device", why) }
                result.services.append((agency, row.line, service))
            }
            problems += cells.problems
        }
        return problems.isEmpty ? .success(result) : .failure(ValidationFailure(problems))
    }

    /// Reads the cells of one row by column name, collecting problems.
    private struct RowReader {
        let row: CSVRow
        let columns: [String: Int]
        let file: String
        var problems: [Diagnostic] = []

        init(row: CSVRow, columns: [String: Int], file: String, width: Int) {
            self.row = row; self.columns = columns; self.file = file
            if row.fields.count > width {
                problems.append(Diagnostic(file: file, line: row.line,
                    message: "\(row.fields.count) fields but the header has \(width) (a comma in a value needs quotes)"))
            }
        }

        mutating func problem(_ column: String, _ message: String) {
            problems.append(Diagnostic(file: file, line: row.line, message: "\(column): \(message)"))
        }

        func cell(_ column: String) -> String {
            guard let i = columns[column], i < row.fields.count else { return "" }
            return SpreadsheetFormulaGuard.unguarded(row.fields[i])
        }

        mutating func optional(_ column: String) -> String? {
            let value = cell(column)
            if let why = TextRules.problem(with: value) { problem(column, why) }
            return value.isEmpty ? nil : value
        }

        mutating func required(_ column: String) -> String {
            let value = cell(column)
            if value.isEmpty { problem(column, "is empty (required)") }
            if let why = TextRules.problem(with: value) { problem(column, why) }
            return value
        }

        mutating func identifier(_ column: String) -> String {
            let value = required(column)
            if !value.isEmpty, let why = IdentifierRules.problem(with: value) { problem(column, why) }
            return value
        }

        mutating func word<W: RawRepresentable & CaseIterable>(_ column: String, _ type: W.Type) -> W? where W.RawValue == String {
            let value = required(column)
            guard !value.isEmpty else { return nil }
            guard let word = W(rawValue: value.trimmingSpaces().lowercased()) else {
                problem(column, "\(quoted(value)) is not one of \(W.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return word
        }

        /// A list cell: items separated by spaces, commas or semicolons (spreadsheets differ).
        func items(_ column: String) -> [String] {
            cell(column).split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "\n" || $0 == "\t" }).map(String.init)
        }

        mutating func addresses(_ column: String, _ family: AddressFamily) -> [IPAddress] {
            items(column).compactMap { text in
                guard let address = IPAddress(text), address.family == family else {
                    problem(column, "\(quoted(text)) is not an \(family) address")
                    return nil
                }
                return address
            }
        }

        mutating func ports(_ column: String) -> [Int] {
            items(column).compactMap { text in
                guard let port = Int(text), (1...65535).contains(port) else {
                    problem(column, "\(quoted(text)) is not a port number (1–65535)")
                    return nil
                }
                return port
            }
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (Foundation-free).
    func trimmingSpaces() -> String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
