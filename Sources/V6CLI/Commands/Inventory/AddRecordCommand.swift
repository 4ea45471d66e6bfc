import V6Core

/// `inventory add device|service`: the options are the CSV columns, read by the same code as an import, so the
/// two can never disagree on a field.
protocol CSVBackedAddCommand: RunnableCommand {
    static var csvKind: InventoryCSV.Kind { get }
    static var columnHelp: [String: String] { get }
    var inventory: InventoryOptions { get }
    var columns: [String: [String]] { get }
    var json: Bool { get }
}

extension CSVBackedAddCommand {
    /// One option per column; lists (addresses, ports) take it once per item.
    static var columnOptions: [OptionSpec] {
        let repeatable: Set<String> = ["ipv4", "ipv6", "ports"]
        return csvKind.columns.map { column in
            OptionSpec("--" + column, value: column == "ports" ? "PORT" : column.hasPrefix("ipv") ? "ADDRESS" : column.uppercased(),
                       repeatable: repeatable.contains(column), columnHelp[column] ?? "")
        }
    }

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let header = Self.csvKind.columns
        let row = header.map { column in (columns["--" + column] ?? []).joined(separator: " ") }
        let imported: InventoryCSV.Imported
        switch InventoryCSV.read(CSV.format(header: header, rows: [row], byteOrderMark: false), kind: Self.csvKind, file: "(command line)") {
        case let .success(i): imported = i
        case let .failure(f):
            // "(command line):2: role: ..." reads better as "--role: ...".
            let messages = f.diagnostics.map { d -> String in
                if let colon = d.message.firstIndex(of: ":"), header.contains(String(d.message[..<colon])) { return "--" + d.message }
                return d.message
            }
            throw .argument(messages.joined(separator: "; "))
        }
        let addition = InventoryAddition(store: try inventory.store(console), json: json)
        if Self.csvKind == .devices {
            return try addition.add(.device(imported.devices[0].device), agency: imported.devices[0].agency, console: console)
        }
        return try addition.add(.service(imported.services[0].service), agency: imported.services[0].agency, console: console)
    }
}

struct AddDeviceCommand: CSVBackedAddCommand {
    static let configuration = CommandConfiguration(["inventory", "add", "device"], abstract: "Add a device.")
    static let csvKind = InventoryCSV.Kind.devices
    static let columnHelp = [
        "agency": "The agency that owns it.", "id": "Identifier.", "name": "Display name.",
        "role": "router, l3-switch, switch, firewall, server, workstation, printer, camera, access-point, vpn, load-balancer or other.",
        "vendor": "Vendor, as in the capability catalog.", "model": "Model, as in the capability catalog.",
        "os": "Operating system or firmware family.", "version": "Firmware/OS version.", "segment": "The segment it sits in.",
        "ipv4": "An IPv4 address.", "ipv6": "An IPv6 address.", "owner": "Responsible person or office.",
        "criticality": "low, medium (default), high or critical.", "notes": "Free text."]

    @OptionGroup var inventory: InventoryOptions
    @OptionList(Self.columnOptions) var columns: [String: [String]]
    @Flag(.json) var json: Bool
}

struct AddServiceCommand: CSVBackedAddCommand {
    static let configuration = CommandConfiguration(["inventory", "add", "service"], abstract: "Add a service.")
    static let csvKind = InventoryCSV.Kind.services
    static let columnHelp = [
        "agency": "The agency that owns it.", "id": "Identifier.", "name": "Display name.",
        "kind": "web, public-service-portal, dns, mail, app, integration, vpn or other.", "category": "A finer label (e-portal, one-stop-shop, ...).",
        "hostname": "Its DNS name.", "ports": "A TCP port.", "ipv4": "An IPv4 address it is published on.",
        "ipv6": "An IPv6 address it is published on.", "audience": "public or internal.", "device": "The device that hosts it.", "notes": "Free text."]

    @OptionGroup var inventory: InventoryOptions
    @OptionList(Self.columnOptions) var columns: [String: [String]]
    @Flag(.json) var json: Bool
}
