/// Brings NetBox objects into an inventory: tenant → agency, site → site, prefix → segment (and a device's segment by
/// containment of its addresses), device role → role through `NetBoxMapping`, primary IPv4/IPv6 and assigned
/// addresses → addresses, services → services. Records already in the inventory (same id) are updated in place and
/// keep what NetBox does not carry. Whatever cannot be mapped exactly is imported with a fallback, or skipped, and
/// said in one note per record; a NetBox value that is wrong (an address that is not one) is an error that names its
/// record, and then nothing is imported. Pure: no files, no network.
public enum NetBoxImport {
    public struct Outcome: Sendable {
        public var inventory: Inventory
        /// Records added and updated, by kind (`agencies`, `sites`, `segments`, `devices`, `services`).
        public var added: [String: Int]
        public var updated: [String: Int]
        /// One line per record that could not be mapped exactly, naming it.
        public var notes: [String]
    }

    /// - Parameter defaultAgency: the agency for records with neither a tenant nor a site of a known agency.
    public static func apply(_ data: NetBoxData, to inventory: Inventory, defaultAgency: String? = nil) -> Result<Outcome, ValidationFailure> {
        var state = State(inventory: inventory, data: data, defaultAgency: defaultAgency)
        state.notes = data.notes
        for t in data.tenants { _ = state.agency(for: NetBoxRef(name: t.name, slug: t.slug), source: t.source) }
        for s in data.sites { _ = state.site(for: NetBoxRef(name: s.name, slug: s.slug), agencyHint: nil, source: s.source) }
        state.importPrefixes()
        state.importDevices()
        state.importServices()
        if !state.errors.isEmpty { return .failure(ValidationFailure(state.errors)) }
        let result = state.inventory
        // Problems the inventory already had are not the import's doing; only new ones stop it.
        let before = Set(InventoryValidator.validate(inventory).map(\.description))
        let validation = InventoryValidator.validate(result).filter { !before.contains($0.description) }
        if !validation.isEmpty {
            return .failure(ValidationFailure(validation.map { state.relocate($0) }.sorted()))
        }
        return .success(Outcome(inventory: result, added: state.added, updated: state.updated, notes: state.notes))
    }

    struct State {
        var inventory: Inventory
        let data: NetBoxData
        let defaultAgency: String?
        var notes: [String] = []
        var errors: [Diagnostic] = []
        var added: [String: Int] = [:]
        var updated: [String: Int] = [:]
        /// Where each imported record came from, for validation messages.
        var origins: [String: NetBoxSource] = [:]
        var agencyByTenant: [String: String] = [:]
        var siteByRef: [String: String] = [:]
        /// Device name in NetBox → inventory device id, for services and IP addresses.
        var deviceByName: [String: String] = [:]

        init(inventory: Inventory, data: NetBoxData, defaultAgency: String?) {
            self.inventory = inventory; self.data = data; self.defaultAgency = defaultAgency
        }

        func note(_ source: NetBoxSource, _ text: String) -> String { "\(source): \(text)" }

        mutating func fail(_ source: NetBoxSource, _ text: String) {
            errors.append(Diagnostic(file: source.description, message: text))
        }

        var allIDs: Set<String> {
            var ids = Set<String>()
            for f in inventory.agencyFiles {
                ids.insert(f.agency.id)
                for x in f.sites { ids.insert(x.id) }
                for x in f.segments { ids.insert(x.id) }
                for x in f.devices { ids.insert(x.id) }
                for x in f.services { ids.insert(x.id) }
            }
            return ids
        }

        func unique(_ base: String) -> String {
            let taken = allIDs
            if !taken.contains(base) { return base }
            var n = 2
            while taken.contains("\(base)-\(n)") { n += 1 }
            return "\(base)-\(n)"
        }

        // MARK: Tenants and sites

        /// The agency a tenant maps to, created when no agency matches.
        mutating func agency(for ref: NetBoxRef?, source: NetBoxSource) -> String? {
            guard let ref, !ref.isEmpty else { return nil }
            let key = ref.slug ?? ref.name ?? ""
            if let known = agencyByTenant[key] { return known }
            let slug = ref.slug ?? data.tenants.first { $0.name == ref.name }?.slug
            var id: String?
            if let slug, inventory.agencyFileIndex(slug) != nil { id = slug }
            if id == nil, let name = ref.name {
                id = inventory.agencies.first { $0.name.lowercased() == name.lowercased() }?.id
                    ?? (inventory.agencyFileIndex(Slug.make(name)) != nil ? Slug.make(name) : nil)
            }
            if id == nil {
                let newID = slug.map(Slug.make) ?? Slug.make(ref.name ?? "")
                guard !newID.isEmpty, !allIDs.contains(newID) else {
                    fail(source, "tenant \(quoted(ref.shown)) gives no usable agency id (\(quoted(newID)) is empty or taken)")
                    return nil
                }
                inventory.agencyFiles.append(AgencyFile(agency: Agency(id: newID, name: ref.name ?? newID, kind: .other)))
                inventory = Inventory(manifest: inventory.manifest, agencyFiles: inventory.agencyFiles)
                added["agencies", default: 0] += 1
                origins[newID] = source
                notes.append(note(source, "tenant \(quoted(ref.shown)) matches no agency; created agency \(quoted(newID)) (kind other, no parent): set its kind and parent"))
                id = newID
            }
            agencyByTenant[key] = id
            return id
        }

        /// The site a NetBox site maps to, created (in its tenant's agency, else `agencyHint`) when none matches.
        mutating func site(for ref: NetBoxRef?, agencyHint: String?, source: NetBoxSource) -> String? {
            guard let ref, !ref.isEmpty else { return nil }
            let key = ref.slug ?? ref.name ?? ""
            if let known = siteByRef[key] { return known }
            let record = data.sites.first { (ref.slug != nil && $0.slug == ref.slug) || (ref.name != nil && $0.name == ref.name) }
            let slug = ref.slug ?? record?.slug
            let sites = inventory.sites
            var id: String?
            if let slug, sites.contains(where: { $0.id == slug }) { id = slug }
            if id == nil, let name = ref.name {
                let byName = sites.filter { $0.name.lowercased() == name.lowercased() }
                if byName.count == 1 { id = byName[0].id }
                else if sites.contains(where: { $0.id == Slug.make(name) }) { id = Slug.make(name) }
            }
            if id == nil {
                let owner = agency(for: record?.tenant, source: record?.source ?? source) ?? agencyHint ?? defaultAgency
                guard let owner, let index = inventory.agencyFileIndex(owner) else {
                    notes.append(note(record?.source ?? source, "site \(quoted(ref.shown)) matches no site and has no tenant to place it under; skipped (give it a tenant, or pass --agency ID)"))
                    siteByRef[key] = ""
                    return nil
                }
                let newID = unique(slug.map(Slug.make) ?? Slug.make(ref.name ?? "site"))
                inventory.agencyFiles[index].sites.append(Site(id: newID, name: ref.name ?? newID, address: record?.physicalAddress))
                added["sites", default: 0] += 1
                origins[newID] = record?.source ?? source
                notes.append(note(record?.source ?? source, "site \(quoted(ref.shown)) matches no site; created site \(quoted(newID)) in agency \(quoted(owner))"))
                id = newID
            }
            siteByRef[key] = id
            return id
        }

        func agencyOfSite(_ site: String) -> String? {
            inventory.agencyFiles.first { $0.sites.contains { $0.id == site } }?.agency.id
        }

        // MARK: Prefixes → segments

        mutating func importPrefixes() {
            // New prefixes grouped into segments by site and VLAN (or description): a v4 and a v6 prefix of one LAN.
            var groups: [(key: String, prefixes: [(NetBoxPrefix, IPPrefix)])] = []
            for p in data.prefixes {
                let prefix: IPPrefix
                do { prefix = try IPPrefix(parsing: p.prefix) } catch {
                    fail(p.source, "prefix: \(error.message)")
                    continue
                }
                if p.status?.lowercased() == "container" {
                    if inventory.manifest.ipv6Allocation != prefix {
                        notes.append(note(p.source, "a container prefix is an allocation, not a segment; skipped"))
                    }
                    continue
                }
                if inventory.segments.contains(where: { $0.prefixes(prefix.family).contains(prefix) }) { continue }
                let siteID = p.site.flatMap { site(for: $0, agencyHint: agency(for: p.tenant, source: p.source), source: p.source) } ?? ""
                let key = siteID + "\u{0}" + (p.vlanVID.map { "vlan\($0)" } ?? p.description ?? p.prefix)
                if let i = groups.firstIndex(where: { $0.key == key }) { groups[i].prefixes.append((p, prefix)) }
                else { groups.append((key, [(p, prefix)])) }
            }
            for group in groups { importSegment(group.prefixes) }
        }

        mutating func importSegment(_ members: [(NetBoxPrefix, IPPrefix)]) {
            let (first, _) = members[0]
            let vlan = first.vlanVID.flatMap { vid in data.vlans.first { $0.vid == vid && (first.vlanSite == nil || $0.site?.name == first.vlanSite || $0.site?.slug == first.vlanSite) } }
            let tenantAgency = agency(for: first.tenant ?? vlan?.tenant, source: first.source)
            var siteID = first.site.flatMap { site(for: $0, agencyHint: tenantAgency, source: first.source) }
                ?? vlan?.site.flatMap { site(for: $0, agencyHint: tenantAgency, source: first.source) }
                ?? first.vlanSite.flatMap { site(for: NetBoxRef(name: $0), agencyHint: tenantAgency, source: first.source) }
            if siteID == nil, let a = tenantAgency ?? defaultAgency, let file = inventory.agencyFiles.first(where: { $0.agency.id == a }), file.sites.count == 1 {
                siteID = file.sites[0].id
            }
            let shown = members.map { $0.1.description }.joined(separator: ", ")
            guard let siteID, let agencyID = agencyOfSite(siteID) else {
                notes.append(note(first.source, "prefix \(shown) has no site (scope) and its tenant's agency has not exactly one site; skipped — cannot place its segment"))
                return
            }
            // An existing segment of that site with the same VLAN (or name) gains the prefixes it lacks: NetBox often
            // learns the IPv6 prefix of a LAN first.
            if let (fi, si) = existingSegment(site: siteID, vid: first.vlanVID, name: first.description) {
                for (p, prefix) in members {
                    var seg = inventory.agencyFiles[fi].segments[si]
                    if prefix.family == .v4 { seg.ipv4.append(prefix) } else { seg.ipv6.append(prefix) }
                    inventory.agencyFiles[fi].segments[si] = seg
                    notes.append(note(p.source, "added \(prefix) to segment \(quoted(seg.id))"))
                }
                updated["segments", default: 0] += 1
                return
            }
            var kind = SegmentKind.lan
            if let role = first.role, !role.isEmpty {
                if let k = NetBoxMapping.segmentKind(role) { kind = k } else {
                    notes.append(note(first.source, "role \(quoted(role.shown)) has no v6ready equivalent; imported as lan"))
                }
            } else {
                notes.append(note(first.source, "no role; imported as a lan segment"))
            }
            let base = (vlan?.name ?? first.vlanName).map(Slug.make) ?? first.description.map(Slug.make) ?? Slug.make("\(siteID)-\(members[0].1.address)")
            let id = unique(base.isEmpty ? Slug.make("\(siteID)-\(members[0].1.address)") : base)
            let segment = Segment(id: id, name: first.description ?? vlan?.name ?? first.vlanName ?? members[0].1.description, site: siteID,
                                  kind: kind, vlan: first.vlanVID.flatMap { (1...4094).contains($0) ? $0 : nil },
                                  ipv4: members.filter { $0.1.family == .v4 }.map(\.1), ipv6: members.filter { $0.1.family == .v6 }.map(\.1))
            let index = inventory.agencyFileIndex(agencyID)!
            inventory.agencyFiles[index].segments.append(segment)
            added["segments", default: 0] += 1
            origins[id] = first.source
        }

        func existingSegment(site: String, vid: Int?, name: String?) -> (Int, Int)? {
            for (fi, file) in inventory.agencyFiles.enumerated() {
                for (si, s) in file.segments.enumerated() where s.site == site {
                    if let vid, s.vlan == vid { return (fi, si) }
                    if vid == nil, let name, s.name == name { return (fi, si) }
                }
            }
            return nil
        }

        /// The segment that holds `address`: the longest prefix that contains it, the device's site first.
        func segmentHolding(_ address: IPAddress, site: String?) -> Segment? {
            var best: (Segment, Int, Bool)?
            for s in inventory.segments {
                for p in s.prefixes(address.family) where p.contains(address) {
                    let sameSite = s.site == site
                    if best == nil || p.length > best!.1 || (p.length == best!.1 && sameSite && !best!.2) { best = (s, p.length, sameSite) }
                }
            }
            return best?.0
        }

        // MARK: Devices

        mutating func importDevices() {
            for d in data.devices {
                let id = Slug.make(d.name)
                guard !id.isEmpty else { fail(d.source, "name \(quoted(d.name)) gives no usable id"); continue }
                var addresses: [IPAddress] = []
                var bad = false
                for (field, text, family) in [("primary_ip4", d.primaryIPv4, AddressFamily.v4), ("primary_ip6", d.primaryIPv6, .v6)] {
                    guard let text else { continue }
                    guard let a = hostAddress(text), a.family == family else {
                        fail(d.source, "\(field): \(quoted(text)) is not an \(family) address"); bad = true; continue
                    }
                    addresses.append(a)
                }
                // Primary addresses first (v6ready exports a device's first address of each family as primary).
                // Shared addresses (a service's VIP, VRRP/HSRP/CARP gateways, anycast) belong to no one device.
                let assigned = data.ipAddresses.filter { $0.device == d.name && !NetBoxImport.sharedRoles.contains($0.role?.lowercased() ?? "") }
                for ip in assigned.filter({ $0.isPrimary == true }) + assigned.filter({ $0.isPrimary != true }) {
                    guard let a = hostAddress(ip.address) else { fail(ip.source, "address: \(quoted(ip.address)) is not an IP address"); bad = true; continue }
                    if !addresses.contains(a) { addresses.append(a) }
                }
                if bad { continue }
                let existing = inventory.locate(id)
                if let existing, existing.record.kindName != "device" {
                    fail(d.source, "id \(quoted(id)) is already used by a \(existing.record.kindName) of agency \(quoted(existing.agency.id))")
                    continue
                }
                var old: Device?
                if case let .device(x)? = existing?.record { old = x }

                let tenantAgency = agency(for: d.tenant, source: d.source)
                let siteID = d.site.flatMap { site(for: $0, agencyHint: tenantAgency, source: d.source) }
                guard let agencyID = tenantAgency ?? siteID.flatMap(agencyOfSite) ?? existing?.agency.id ?? defaultAgency else {
                    notes.append(note(d.source, "has no tenant and no site of a known agency; skipped (give it a tenant in NetBox, or pass --agency ID)"))
                    continue
                }
                var segment: Segment?
                if let named = d.segment, let s = inventory.segment(named) {
                    segment = s
                } else if let anchor = addresses.first {
                    segment = segmentHolding(anchor, site: siteID)
                    if segment == nil {
                        notes.append(note(d.source, "no segment of the inventory contains \(anchor) (import the prefixes too, or add the segment first); skipped"))
                        continue
                    }
                } else if let old {
                    segment = inventory.segment(old.segment)
                } else if let siteID {
                    let candidates = inventory.segments.filter { $0.site == siteID }
                    if candidates.count == 1 { segment = candidates[0] }
                }
                guard let segment else {
                    notes.append(note(d.source, "has no address and its site has not exactly one segment; skipped"))
                    continue
                }
                let inside = addresses.filter { a in segment.prefixes(a.family).contains { $0.contains(a) } }
                for a in addresses where !inside.contains(a) {
                    notes.append(note(d.source, "\(a) is outside its segment \(quoted(segment.id)) (\(segment.prefixes(a.family).map(\.description).joined(separator: ", "))); left out"))
                }
                var role = DeviceRole.other
                if let r = NetBoxMapping.deviceRole(d.role) { role = r }
                else if !d.role.isEmpty {
                    notes.append(note(d.source, "role \(quoted(d.role.shown)) has no v6ready equivalent; imported as other"))
                } else {
                    notes.append(note(d.source, "no role; imported as other"))
                }
                var os = d.platform, version = d.firmwareVersion
                if version == nil, let platform = d.platform, let split = splitPlatform(platform) { os = split.os; version = split.version }
                var criticality = old?.criticality ?? .medium
                if let c = d.criticality {
                    if let word = Criticality(rawValue: c.lowercased()) { criticality = word }
                    else { notes.append(note(d.source, "criticality \(quoted(c)) is not one of \(Criticality.allCases.map(\.rawValue).joined(separator: ", ")); kept \(criticality.rawValue)")) }
                }
                let device = Device(id: id, name: d.description ?? old?.name ?? d.name, role: role,
                                    vendor: d.manufacturer ?? old?.vendor ?? "", model: d.model ?? old?.model ?? "",
                                    os: os ?? old?.os, version: version ?? old?.version, segment: segment.id,
                                    ipv4: inside.filter { $0.family == .v4 }, ipv6: inside.filter { $0.family == .v6 },
                                    owner: d.owner ?? old?.owner, criticality: criticality, notes: d.comments ?? old?.notes)
                if d.manufacturer == nil && old == nil { notes.append(note(d.source, "no manufacturer; vendor left empty (the capability catalog cannot judge it)")) }
                place(device, agency: agencyID, existing: existing)
                deviceByName[d.name] = id
                origins[id] = d.source
            }
        }

        mutating func place(_ device: Device, agency: String, existing: RecordLocation?) {
            let target = inventory.agencyFileIndex(agency)!
            if let existing {
                let from = inventory.agencyFileIndex(existing.agency.id)!
                let i = inventory.agencyFiles[from].devices.firstIndex { $0.id == device.id }!
                if from == target { inventory.agencyFiles[from].devices[i] = device } else {
                    inventory.agencyFiles[from].devices.remove(at: i)
                    inventory.agencyFiles[target].devices.append(device)
                }
                updated["devices", default: 0] += 1
            } else {
                inventory.agencyFiles[target].devices.append(device)
                added["devices", default: 0] += 1
            }
        }

        // MARK: Services

        mutating func importServices() {
            var nameCount: [String: Int] = [:]
            for s in data.services { nameCount[Slug.make(s.name), default: 0] += 1 }
            for s in data.services {
                guard let deviceName = s.device else {
                    notes.append(note(s.source, "has no parent device; skipped (a v6ready service needs a host device)")); continue
                }
                let deviceID = deviceByName[deviceName] ?? Slug.make(deviceName)
                guard let device = inventory.device(deviceID), let location = inventory.locate(deviceID) else {
                    notes.append(note(s.source, "its device \(quoted(deviceName)) is not in the inventory; skipped")); continue
                }
                let own = Slug.make(s.name)
                var id = own
                if own.isEmpty || nameCount[own, default: 0] > 1 || inventory.locate(own).map({ $0.record.kindName != "service" }) == true {
                    id = Slug.make(deviceID + "-" + s.name)
                }
                let existing = inventory.locate(id)
                if let existing, existing.record.kindName != "service" {
                    fail(s.source, "id \(quoted(id)) is already used by a \(existing.record.kindName) of agency \(quoted(existing.agency.id))")
                    continue
                }
                var old: Service?
                if case let .service(x)? = existing?.record { old = x }
                var addresses: [IPAddress] = []
                for text in s.ipAddresses {
                    guard let a = hostAddress(text) else { fail(s.source, "ipaddresses: \(quoted(text)) is not an IP address"); continue }
                    if !addresses.contains(a) { addresses.append(a) }
                }
                if addresses.isEmpty { addresses = device.ipv4 + device.ipv6 }
                let proto = s.protocolName?.lowercased() ?? "tcp"
                var kind = NetBoxMapping.serviceKind(name: s.name, ports: s.ports)
                if let k = s.kind {
                    if let word = ServiceKind(rawValue: k) { kind = word } else { notes.append(note(s.source, "service_kind \(quoted(k)) is not a v6ready kind; guessed \(kind.rawValue)")) }
                }
                if proto != "tcp" && kind != .dns {
                    notes.append(note(s.source, "protocol \(proto): v6ready probes service ports over TCP"))
                }
                var audience = old?.audience ?? .internal
                if let a = s.audience {
                    if let word = Audience(rawValue: a) { audience = word } else { notes.append(note(s.source, "audience \(quoted(a)) is not public or internal; kept \(audience.rawValue)")) }
                } else if old == nil {
                    notes.append(note(s.source, "no audience (custom field audience); imported as internal"))
                }
                let service = Service(id: id, name: s.description ?? old?.name ?? s.name, kind: kind, category: s.category ?? old?.category,
                                      hostname: s.hostname ?? old?.hostname, ports: s.ports.isEmpty ? (old?.ports ?? []) : s.ports,
                                      ipv4: addresses.filter { $0.family == .v4 }, ipv6: addresses.filter { $0.family == .v6 },
                                      audience: audience, device: deviceID, notes: s.comments ?? old?.notes)
                var owner = existing?.agency.id ?? location.agency.id
                if let named = s.agency {
                    if inventory.agencyFileIndex(named) != nil { owner = named } else { notes.append(note(s.source, "agency \(quoted(named)) is not an agency of the inventory; placed with its device's agency \(quoted(owner))")) }
                }
                if let existing, existing.agency.id != owner, let from = inventory.agencyFileIndex(existing.agency.id) {
                    inventory.agencyFiles[from].services.removeAll { $0.id == id }
                }
                let target = inventory.agencyFileIndex(owner)!
                if let i = inventory.agencyFiles[target].services.firstIndex(where: { $0.id == id }) {
                    inventory.agencyFiles[target].services[i] = service
                } else {
                    inventory.agencyFiles[target].services.append(service)
                }
                if existing == nil { added["services", default: 0] += 1 } else { updated["services", default: 0] += 1 }
                origins[id] = s.source
            }
        }

        /// A validation problem in an imported record, said against the NetBox record it came from.
        func relocate(_ d: Diagnostic) -> Diagnostic {
            guard let path = d.path?.text, let fileIndex = inventory.agencyFiles.firstIndex(where: { $0.relativePath == d.file || d.file.hasSuffix("/" + $0.relativePath) || $0.relativePath == d.file }) else {
                return d
            }
            let file = inventory.agencyFiles[fileIndex]
            let head = path.split(separator: ".").first.map(String.init) ?? path
            guard let open = head.firstIndex(of: "["), let close = head.firstIndex(of: "]"),
                  let i = Int(head[head.index(after: open)..<close]) else { return d }
            let list = String(head[..<open])
            let id: String?
            switch list {
            case "devices": id = i < file.devices.count ? file.devices[i].id : nil
            case "services": id = i < file.services.count ? file.services[i].id : nil
            case "segments": id = i < file.segments.count ? file.segments[i].id : nil
            case "sites": id = i < file.sites.count ? file.sites[i].id : nil
            default: id = nil
            }
            guard let id, let source = origins[id] else { return d }
            let rest = path.dropFirst(head.count).drop { $0 == "." }
            return Diagnostic(file: source.description, message: (rest.isEmpty ? "" : "\(rest): ") + d.message)
        }
    }

    /// NetBox IP address roles of addresses several devices share, or that a service holds rather than a device.
    public static let sharedRoles: Set<String> = ["vip", "vrrp", "hsrp", "glbp", "carp", "anycast"]

    /// `198.18.1.1/24` → 198.18.1.1 (NetBox keeps the prefix length with every address).
    public static func hostAddress(_ text: String) -> IPAddress? {
        let bare = text.split(separator: "/", maxSplits: 1).first.map(String.init) ?? text
        return IPAddress(bare)
    }

    /// `IOS XE 16.12.4` → (`IOS XE`, `16.12.4`): a platform whose last word is a dotted version number.
    static func splitPlatform(_ platform: String) -> (os: String?, version: String)? {
        let words = platform.split(separator: " ")
        guard let last = words.last, last.contains("."), last.first?.isNumber == true,
              last.allSatisfy({ $0.isNumber || $0 == "." || $0.isLetter || $0 == "-" || $0 == "(" || $0 == ")" }) else { return nil }
        let os = words.dropLast().joined(separator: " ")
        return (os.isEmpty ? nil : os, String(last))
    }
}

/// Short helper for `hostAddress` in `State`.
private func hostAddress(_ text: String) -> IPAddress? { NetBoxImport.hostAddress(text) }
