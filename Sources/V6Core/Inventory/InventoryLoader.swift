/// Turns the bytes of an inventory's files into an `Inventory`, or into the complete list of what is wrong.
/// Pure: the caller reads the files (so tests need no disk, and the system layer owns all I/O).
public enum InventoryLoader {
    /// A file of the inventory: its path relative to the inventory folder, and its contents.
    public struct SourceFile: Sendable {
        public var path: String
        public var bytes: [UInt8]
        public init(path: String, bytes: [UInt8]) { self.path = path; self.bytes = bytes }
    }

    /// Decodes and validates. `displayPrefix` (e.g. `inventories/x/`) is put before file names in diagnostics.
    public static func load(_ files: [SourceFile], displayPrefix: String = "") -> Result<Inventory, ValidationFailure> {
        var problems: [Diagnostic] = []
        var manifest: InventoryManifest?
        var agencyFiles: [AgencyFile] = []

        // Without the line table (a path string per value): a province of 100,000 devices loads in a fraction of the
        // time. A file with a problem is parsed again, with lines, to say where.
        func parse(_ file: SourceFile) -> JSONValue? {
            do {
                return try JSONParser.parse(file.bytes, recordLines: false).value
            } catch {
                problems.append(Diagnostic(file: file.path, line: error.line, message: "\(error.message) (column \(error.column))"))
                return nil
            }
        }

        if let file = files.first(where: { $0.path == Inventory.manifestPath }) {
            if let value = parse(file) {
                let (m, p) = InventoryCodec.decodeManifest(value, file: file.path)
                manifest = m
                problems += p
            }
        } else {
            problems.append(Diagnostic(file: Inventory.manifestPath, message: "is missing: every inventory folder needs one (`v6ready init DIR` writes a skeleton)"))
        }
        for file in files.sorted(by: { $0.path < $1.path }) where file.path.hasPrefix(Inventory.agenciesFolder + "/") {
            guard let value = parse(file) else { continue }
            let (agencyFile, p) = InventoryCodec.decodeAgencyFile(value, file: file.path)
            problems += p
            guard let agencyFile else { continue }
            if agencyFile.relativePath != file.path, !agencyFile.agency.id.isEmpty {
                problems.append(Diagnostic(file: file.path, path: JSONPath("agency.id"),
                                           message: "agency \(quoted(agencyFile.agency.id)) must be in \(agencyFile.relativePath) (the file name is the agency id)"))
                continue
            }
            agencyFiles.append(agencyFile)
        }
        if let manifest, problems.isEmpty {
            let inventory = Inventory(manifest: manifest, agencyFiles: agencyFiles)
            problems += InventoryValidator.validate(inventory)
            if problems.isEmpty { return .success(inventory) }
        } else if let manifest {
            // Still run the cross-record checks on what could be read, so one run shows every problem.
            problems += InventoryValidator.validate(Inventory(manifest: manifest, agencyFiles: agencyFiles))
        }
        var lineTables: [String: ParsedJSON] = [:]
        let bytesByPath = Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        func table(_ path: String) -> ParsedJSON? {
            if let known = lineTables[path] { return known }
            guard let bytes = bytesByPath[path], let parsed = try? JSONParser.parse(bytes) else { return nil }
            lineTables[path] = parsed
            return parsed
        }
        let located = problems.map { d -> Diagnostic in
            var d = d
            if d.line == nil, let path = d.path, let table = table(d.file) { d.line = table.line(of: path) }
            d.file = displayPrefix + d.file
            return d
        }
        return .failure(ValidationFailure(deduplicated(located).sorted()))
    }

    private static func deduplicated(_ list: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<String>()
        return list.filter { seen.insert($0.description).inserted }
    }

    /// The bytes to write for each file of an inventory, in the stable format.
    public static func serialize(_ inventory: Inventory) -> [SourceFile] {
        var files = [SourceFile(path: Inventory.manifestPath, bytes: Array(JSONWriter.pretty(InventoryCodec.encode(inventory.manifest)).utf8))]
        for file in inventory.agencyFiles {
            files.append(SourceFile(path: file.relativePath, bytes: Array(JSONWriter.pretty(InventoryCodec.encode(file)).utf8)))
        }
        return files
    }
}
