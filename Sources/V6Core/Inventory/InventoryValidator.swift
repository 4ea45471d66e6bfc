/// Checks that hold across records and files: unique ids and addresses, references that resolve,
/// addresses inside their segment's prefixes, prefixes inside the declared scope.
/// Every problem is reported with the file and JSON path of the record that carries it.
public enum InventoryValidator {
    /// The longest id: an agency id is a file name (`agencies/ID.json`) and ids appear in report names.
    public static let maximumIDLength = 128

    /// Why `id` cannot name a record although its characters are allowed: a leading "." would make the agency
    /// file hidden (`agencies/.x.json` is never read, so the record would vanish), and ids have a length cap.
    public static func idShapeProblem(_ id: String) -> String? {
        if id.hasPrefix(".") { return "\(quoted(id)) may not start with \".\" (agencies/\(id).json would be a hidden file)" }
        if id.utf8.count > maximumIDLength { return "an id is at most \(maximumIDLength) characters (this one has \(id.utf8.count))" }
        return nil
    }

    public static func validate(_ inventory: Inventory) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var idOwners: [String: (file: String, path: JSONPath, kind: String)] = [:]
        var deviceAddressOwners: [IPAddress: (file: String, path: JSONPath)] = [:]
        let agencyIDs = Set(inventory.agencyFiles.map(\.agency.id))
        var segmentsByID: [String: Segment] = [:]
        var deviceIDs = Set<String>()
        var devicesByID: [String: Device] = [:]
        for file in inventory.agencyFiles {
            for s in file.segments where segmentsByID[s.id] == nil { segmentsByID[s.id] = s }
            for d in file.devices where devicesByID[d.id] == nil { devicesByID[d.id] = d; deviceIDs.insert(d.id) }
        }

        func claim(_ id: String, _ kind: String, _ file: String, _ path: JSONPath) {
            guard !id.isEmpty else { return }
            if let why = idShapeProblem(id) {
                problems.append(Diagnostic(file: file, path: path.member("id"), message: why))
            }
            if let first = idOwners[id] {
                let whereFirst = first.file == file ? "\(first.path)" : "\(first.path) in \(first.file)"
                problems.append(Diagnostic(file: file, path: path.member("id"),
                                           message: "duplicate id \(quoted(id)): already used by the \(first.kind) at \(whereFirst)"))
            } else {
                idOwners[id] = (file, path, kind)
            }
        }

        for file in inventory.agencyFiles {
            let name = file.relativePath
            let agency = file.agency
            claim(agency.id, "agency", name, JSONPath.root.member("agency"))
            if let parent = agency.parent {
                if parent == agency.id {
                    problems.append(Diagnostic(file: name, path: JSONPath("agency.parent"), message: "an agency cannot be its own parent"))
                } else if !agencyIDs.contains(parent) {
                    problems.append(Diagnostic(file: name, path: JSONPath("agency.parent"),
                                               message: "\(quoted(parent)) is not an agency of this inventory"))
                }
            }
            let siteIDs = Set(file.sites.map(\.id))
            for (i, site) in file.sites.enumerated() { claim(site.id, "site", name, JSONPath("sites[\(i)]")) }
            for (i, segment) in file.segments.enumerated() {
                let path = JSONPath("segments[\(i)]")
                claim(segment.id, "segment", name, path)
                problems += segmentLANProblems(segment, path: path, file: name, deviceIDs: deviceIDs)
                if !segment.site.isEmpty, !siteIDs.contains(segment.site) {
                    problems.append(Diagnostic(file: name, path: path.member("site"),
                                               message: "\(quoted(segment.site)) is not a site of agency \(quoted(agency.id))"))
                }
                for family in [AddressFamily.v4, .v6] {
                    let scope = family == .v4 ? inventory.manifest.scope.ipv4 : inventory.manifest.scope.ipv6
                    for (j, prefix) in segment.prefixes(family).enumerated() where !scope.contains(where: { $0.contains(prefix) }) {
                        problems.append(Diagnostic(file: name, path: path.member(family == .v4 ? "ipv4" : "ipv6").index(j),
                                                   message: "\(prefix) is outside the inventory's scope (add it to scope.\(family == .v4 ? "ipv4" : "ipv6") in inventory.json)"))
                    }
                }
            }
            for (i, device) in file.devices.enumerated() {
                let path = JSONPath("devices[\(i)]")
                claim(device.id, "device", name, path)
                let segment = segmentsByID[device.segment]
                if segment == nil, !device.segment.isEmpty {
                    problems.append(Diagnostic(file: name, path: path.member("segment"),
                                               message: "\(quoted(device.segment)) is not a segment of this inventory"))
                }
                for family in [AddressFamily.v4, .v6] {
                    let key = family == .v4 ? "ipv4" : "ipv6"
                    for (j, address) in device.addresses(family).enumerated() {
                        let addressPath = path.member(key).index(j)
                        if let owner = deviceAddressOwners[address] {
                            let whereFirst = owner.file == name ? "\(owner.path)" : "\(owner.path) in \(owner.file)"
                            problems.append(Diagnostic(file: name, path: addressPath,
                                                       message: "duplicate address \(address): already used at \(whereFirst)"))
                        } else {
                            deviceAddressOwners[address] = (name, addressPath)
                        }
                        if let segment { checkInside(address, segment, family, name, addressPath, &problems) }
                    }
                }
            }
            for (i, service) in file.services.enumerated() {
                let path = JSONPath("services[\(i)]")
                claim(service.id, "service", name, path)
                if let deviceID = service.device {
                    if let device = devicesByID[deviceID] {
                        if let segment = segmentsByID[device.segment] {
                            for family in [AddressFamily.v4, .v6] {
                                for (j, address) in service.addresses(family).enumerated() {
                                    checkInside(address, segment, family, name, path.member(family == .v4 ? "ipv4" : "ipv6").index(j), &problems)
                                }
                            }
                        }
                    } else {
                        problems.append(Diagnostic(file: name, path: path.member("device"),
                                                   message: "\(quoted(deviceID)) is not a device of this inventory"))
                    }
                }
                var seen = Set<IPAddress>()
                for family in [AddressFamily.v4, .v6] {
                    for (j, address) in service.addresses(family).enumerated() where !seen.insert(address).inserted {
                        problems.append(Diagnostic(file: name, path: path.member(family == .v4 ? "ipv4" : "ipv6").index(j),
                                                   message: "address \(address) is listed twice"))
                    }
                }
                if Set(service.ports).count != service.ports.count {
                    problems.append(Diagnostic(file: name, path: path.member("ports"), message: "a port is listed twice"))
                }
            }
        }
        problems += ancestryProblems(inventory)
        var catalogKeys = Set<String>()
        for (i, entry) in inventory.manifest.catalog.enumerated() {
            let key = entry.vendor.lowercased() + "\u{0}" + entry.model.lowercased()
            if !catalogKeys.insert(key).inserted {
                problems.append(Diagnostic(file: Inventory.manifestPath, path: JSONPath("catalog[\(i)]"),
                                           message: "\(entry.vendor) \(entry.model) appears twice in the catalog"))
            }
        }
        return problems
    }

    private static func checkInside(_ address: IPAddress, _ segment: Segment, _ family: AddressFamily, _ file: String,
                                    _ path: JSONPath, _ problems: inout [Diagnostic]) {
        let prefixes = segment.prefixes(family)
        if prefixes.isEmpty {
            problems.append(Diagnostic(file: file, path: path,
                                       message: "\(address) is in segment \(quoted(segment.id)), which has no \(family) prefix"))
        } else if !prefixes.contains(where: { $0.contains(address) }) {
            let list = prefixes.map(\.description).joined(separator: ", ")
            problems.append(Diagnostic(file: file, path: path,
                                       message: "\(address) is outside segment \(quoted(segment.id)) (\(list))"))
        }
    }

    /// Parent chains must end at an agency without a parent, never loop; a current agency never sits under a
    /// dissolved one (dissolving re-parents the children).
    private static func ancestryProblems(_ inventory: Inventory) -> [Diagnostic] {
        let parents = Dictionary(inventory.agencies.map { ($0.id, $0.parent) }, uniquingKeysWith: { a, _ in a })
        let dissolved = Dictionary(inventory.agencies.compactMap { a in a.dissolved.map { (a.id, $0) } }, uniquingKeysWith: { a, _ in a })
        var problems: [Diagnostic] = []
        for agency in inventory.agencies {
            if agency.dissolved == nil, let parent = agency.parent, let day = dissolved[parent] {
                problems.append(Diagnostic(file: Inventory.agencyPath(agency.id), path: JSONPath("agency.parent"),
                                           message: "\(quoted(parent)) was dissolved on \(day); give this agency its new parent (v6ready inventory move)"))
            }
            var seen: Set<String> = [agency.id]
            var current = agency.parent
            while let id = current, let next = parents[id] {
                if !seen.insert(id).inserted {
                    problems.append(Diagnostic(file: Inventory.agencyPath(agency.id), path: JSONPath("agency.parent"),
                                               message: "the parent chain loops back (\(seen.sorted().joined(separator: " → ")))"))
                    break
                }
                current = next
            }
        }
        return problems
    }
}
