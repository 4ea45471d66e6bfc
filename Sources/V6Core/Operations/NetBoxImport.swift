/// Brings NetBox objects into an inventory: tenant → agency, site → site, prefix → segment of its site (the prefix's
/// scope, else its VLAN's site), device role → role through `NetBoxMapping`, primary IPv4/IPv6 and assigned
/// addresses → addresses, services → services. A refresh into an existing inventory merges: NetBox adds and changes
/// what it shows, and never removes an address, a port, a service kind or a field it does not show or leaves
/// empty unless `replace` is set; every change and every kept difference is in the outcome's plan. Whatever cannot be
/// mapped exactly is imported with a fallback, kept unplaced, or skipped, and said in one note per record; a NetBox
/// value that is wrong (an address that is not one), or a list that is only one page of NetBox's, is an error that
/// names its record or file, and then nothing is imported. Pure: no files, no network.
public enum NetBoxImport {
    public struct Outcome: Sendable {
        public var inventory: Inventory
        /// Every record added or changed, with the fields that change, and what NetBox lacks that is kept (or,
        /// with `replace`, removed).
        public var plan: NetBoxChangePlan
        /// One line per record that could not be mapped exactly, naming it.
        public var notes: [String]

        /// Records added and updated, by kind (`agencies`, `sites`, `segments`, `devices`, `services`).
        public var added: [String: Int] { counts(plan.added) }
        public var updated: [String: Int] { counts(plan.updated) }

        func counts(_ count: (String) -> Int) -> [String: Int] {
            var out: [String: Int] = [:]
            for kind in NetBoxChangePlan.kinds where count(kind) > 0 { out[kind == "agency" ? "agencies" : kind + "s"] = count(kind) }
            return out
        }
    }

    /// - Parameters:
    ///   - defaultAgency: the agency for records with neither a tenant nor a site of a known agency.
    ///   - replace: remove what NetBox shows without (an address, a port, a field's value) instead of keeping it.
    public static func apply(_ data: NetBoxData, to inventory: Inventory, defaultAgency: String? = nil,
                             replace: Bool = false) -> Result<Outcome, ValidationFailure> {
        // One page of a longer list first: anything else said about such data would point the wrong way.
        let incomplete = data.incompleteLists
        if !incomplete.isEmpty { return .failure(ValidationFailure(incomplete)) }
        var state = State(inventory: inventory, data: data, defaultAgency: defaultAgency, replace: replace)
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
        state.listAbsentRecords(original: inventory)
        return .success(Outcome(inventory: result, plan: state.plan, notes: state.notes))
    }

    struct State {
        var inventory: Inventory
        let data: NetBoxData
        let defaultAgency: String?
        let replace: Bool
        var notes: [String] = []
        var errors: [Diagnostic] = []
        var plan = NetBoxChangePlan()
        /// Where each imported record came from, for validation messages.
        var origins: [String: NetBoxSource] = [:]
        var agencyByTenant: [String: String] = [:]
        var siteByRef: [String: String] = [:]
        /// Device name in NetBox → inventory device id, for services and IP addresses.
        var deviceByName: [String: String] = [:]
        var servicesSeen = Set<String>()

        init(inventory: Inventory, data: NetBoxData, defaultAgency: String?, replace: Bool) {
            self.inventory = inventory; self.data = data; self.defaultAgency = defaultAgency; self.replace = replace
        }

        /// The list fields of the record being merged that hold members this source cannot show.
        var unseenFields: [String] = []

        mutating func planned(_ kind: String, _ id: String, new: Bool, _ changes: [NetBoxChangePlan.FieldChange] = [], source: NetBoxSource?) {
            if !unseenFields.isEmpty { plan.unseen.append((kind, id, unseenFields)); unseenFields = [] }
            if !new && changes.isEmpty { return }
            plan.entries.append(NetBoxChangePlan.Entry(kind: kind, id: id, isNew: new, changes: changes, source: source?.description))
        }

        /// Inventory devices and services that the NetBox data, which lists that kind, does not hold.
        mutating func listAbsentRecords(original: Inventory) {
            if data.kindsRead.contains(.devices) {
                let seen = Set(deviceByName.values)
                for d in original.devices where !seen.contains(d.id) { plan.notInNetBox.append(("device", d.id)) }
            }
            if data.kindsRead.contains(.services) {
                for s in original.services where !servicesSeen.contains(s.id) { plan.notInNetBox.append(("service", s.id)) }
            }
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
                // An agency's id names its file: `.x` would be a hidden file, `..` worse.
                guard !newID.isEmpty, !newID.hasPrefix("."), !allIDs.contains(newID) else {
                    fail(source, "tenant \(quoted(ref.shown)) gives no usable agency id (\(quoted(newID)) is empty, starts with \".\" or is taken)")
                    return nil
                }
                inventory.agencyFiles.append(AgencyFile(agency: Agency(id: newID, name: ref.name ?? newID, kind: .other)))
                inventory = Inventory(manifest: inventory.manifest, agencyFiles: inventory.agencyFiles)
                planned("agency", newID, new: true, source: source)
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
                else if let (base, agencyID) = NetBoxImport.agencyQualified(name), let file = inventory.agencyFiles.first(where: { $0.agency.id == agencyID }) {
                    // `inventory netbox-export` names two agencies' "Trụ sở" `Trụ sở (so-a)`: NetBox site names are unique.
                    let mine = file.sites.filter { $0.name.lowercased() == base.lowercased() }
                    if mine.count == 1 { id = mine[0].id }
                }
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
                planned("site", newID, new: true, source: record?.source ?? source)
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

        /// A prefix placed: its site and the VLAN that groups it with the other prefixes of one segment.
        struct Placed {
            var prefix: NetBoxPrefix
            var parsed: IPPrefix
            var site: String
            var vlan: NetBoxVLAN?
            var vid: Int?
        }

        mutating func importPrefixes() {
            // New prefixes grouped into segments by site and VLAN (or description): a v4 and a v6 prefix of one LAN.
            var groups: [(key: String, members: [Placed])] = []
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
                let known = inventory.segments.first { $0.prefixes(prefix.family).contains(prefix) }
                guard let placed = place(p, prefix, quiet: known != nil) else { continue }
                if let known {
                    if placed.site != known.site {
                        notes.append(note(p.source, "NetBox places \(prefix) at site \(quoted(placed.site)); the inventory has it in segment \(quoted(known.id)) of site \(quoted(known.site)): kept there"))
                    }
                    continue
                }
                let key = placed.site + "\u{0}" + (placed.vlan?.id.map { "id\($0)" } ?? placed.vid.map { "vlan\($0)" } ?? p.description ?? p.prefix)
                if let i = groups.firstIndex(where: { $0.key == key }) { groups[i].members.append(placed) }
                else { groups.append((key, [placed])) }
            }
            for group in groups { importSegment(group.members) }
        }

        /// The VLAN a prefix names: by NetBox id (REST), else by VID (and name) within the VLAN's site or group —
        /// a VID alone means nothing across sites. Nil when none or several fit (said, unless `quiet`).
        mutating func vlan(of p: NetBoxPrefix, site: String?, quiet: Bool) -> NetBoxVLAN? {
            if let id = p.vlanID, let v = data.vlans.first(where: { $0.id == id }) { return v }
            guard p.vlanVID != nil || p.vlanName != nil else { return nil }
            func matches(_ ref: NetBoxRef?, _ text: String) -> Bool {
                guard let ref else { return false }
                return ref.name == text || ref.slug == text || ref.name.map(Slug.make) == Slug.make(text)
            }
            var candidates = data.vlans.filter { v in (p.vlanVID == nil || v.vid == p.vlanVID) && (p.vlanName == nil || v.name == p.vlanName) }
            if let group = p.vlanGroup { candidates = candidates.filter { matches($0.group, group) } }
            if let vlanSite = p.vlanSite { candidates = candidates.filter { matches($0.site, vlanSite) } }
            if candidates.count > 1, let site {
                let here = candidates.filter { v in v.site.map { self.siteByRef[$0.slug ?? $0.name ?? ""] == site || $0.slug == site } ?? false }
                if !here.isEmpty { candidates = here }
            }
            if candidates.count > 1, p.vlanName == nil, p.vlanSite == nil, p.vlanGroup == nil, site == nil, !quiet {
                notes.append(note(p.source, "VLAN \(p.vlanVID.map(String.init) ?? "") is ambiguous: \(candidates.count) VLANs have it (\(candidates.prefix(4).map { "\($0.name) at \($0.site?.shown ?? $0.group?.shown ?? "no site")" }.joined(separator: ", "))); scope the prefix to its site"))
            }
            return candidates.count == 1 ? candidates[0] : nil
        }

        /// Where a prefix's segment goes: its scope's site first, else its VLAN's site, else the `vlan_site` column,
        /// else its tenant's only site. Nil (said) when it cannot be told: never another site's segment.
        mutating func place(_ p: NetBoxPrefix, _ prefix: IPPrefix, quiet: Bool) -> Placed? {
            let tenantAgency = agency(for: p.tenant, source: p.source)
            let scopeSite = p.site.flatMap { site(for: $0, agencyHint: tenantAgency, source: p.source) }
            let vlan = vlan(of: p, site: scopeSite, quiet: quiet)
            let vlanAgency = tenantAgency ?? agency(for: vlan?.tenant, source: p.source)
            let vlanSite = vlan?.site.flatMap { site(for: $0, agencyHint: vlanAgency, source: vlan!.source) }
                ?? p.vlanSite.flatMap { site(for: NetBoxRef(name: $0), agencyHint: vlanAgency, source: p.source) }
            if let scopeSite, let vlanSite, scopeSite != vlanSite, !quiet {
                notes.append(note(p.source, "its scope is site \(quoted(scopeSite)) but its VLAN \(vlan?.name ?? "") is at site \(quoted(vlanSite)); placed at its scope"))
            }
            var siteID = scopeSite ?? vlanSite
            if siteID == nil, let a = vlanAgency ?? defaultAgency, let file = inventory.agencyFiles.first(where: { $0.agency.id == a }), file.sites.count == 1 {
                siteID = file.sites[0].id
            }
            guard let siteID, agencyOfSite(siteID) != nil else {
                if !quiet {
                    let why = p.vlanVID != nil && vlan == nil ? "its VLAN \(p.vlanVID!) is not one NetBox VLAN of a known site" : "it has no site (scope) or VLAN of a site"
                    notes.append(note(p.source, "prefix \(prefix) cannot be placed: \(why), and its tenant's agency has not exactly one site; skipped (scope it to its site in NetBox)"))
                }
                return nil
            }
            return Placed(prefix: p, parsed: prefix, site: siteID, vlan: vlan, vid: vlan?.vid ?? p.vlanVID)
        }

        mutating func importSegment(_ members: [Placed]) {
            let first = members[0].prefix, siteID = members[0].site, vlan = members[0].vlan, vid = members[0].vid
            let agencyID = agencyOfSite(siteID)!
            // An existing segment of that site with the same VLAN (or name) gains the prefixes it lacks: NetBox often
            // learns the IPv6 prefix of a LAN first.
            if let (fi, si) = existingSegment(site: siteID, vid: vid, name: first.description) {
                var changes: [NetBoxChangePlan.FieldChange] = []
                for m in members {
                    var seg = inventory.agencyFiles[fi].segments[si]
                    if m.parsed.family == .v4 { seg.ipv4.append(m.parsed) } else { seg.ipv6.append(m.parsed) }
                    inventory.agencyFiles[fi].segments[si] = seg
                    changes.append(.init(m.parsed.family == .v4 ? "ipv4" : "ipv6", .added, new: m.parsed.description))
                }
                planned("segment", inventory.agencyFiles[fi].segments[si].id, new: false, changes, source: first.source)
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
            let fallback = Slug.make("\(siteID)-\(members[0].parsed.address)")
            let base = (vlan?.name ?? first.vlanName).map(Slug.make) ?? first.description.map(Slug.make) ?? fallback
            let id = unique(base.isEmpty ? fallback : base)
            let segment = Segment(id: id, name: first.description ?? vlan?.name ?? first.vlanName ?? members[0].parsed.description, site: siteID,
                                  kind: kind, vlan: vid.flatMap { (1...4094).contains($0) ? $0 : nil },
                                  ipv4: members.filter { $0.parsed.family == .v4 }.map(\.parsed), ipv6: members.filter { $0.parsed.family == .v6 }.map(\.parsed))
            let index = inventory.agencyFileIndex(agencyID)!
            inventory.agencyFiles[index].segments.append(segment)
            planned("segment", id, new: true, source: first.source)
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

        /// The segment that holds `address`: the longest prefix that contains it among the segments of the device's
        /// site, else (when that site has none that holds it) of any site — said by the caller.
        func segmentHolding(_ address: IPAddress, site: String?) -> Segment? {
            func best(_ segments: [Segment]) -> Segment? {
                var found: (Segment, Int)?
                for s in segments {
                    for p in s.prefixes(address.family) where p.contains(address) && (found == nil || p.length > found!.1) { found = (s, p.length) }
                }
                return found?.0
            }
            let all = inventory.segments
            if let site, let here = best(all.filter { $0.site == site }) { return here }
            return best(all)
        }

        // MARK: Merging one field

        /// A field's value after the import: NetBox's where it has one; where it shows the field empty, the old value
        /// kept (listed) or, with `replace`, removed; where the source has no such column, the old value, unsaid.
        /// `existing`: the record is already in the inventory (so a value NetBox gives where it had none is a change).
        mutating func merge(_ field: String, carried: Bool, netbox: String?, old: String?, existing: Bool,
                            into changes: inout [NetBoxChangePlan.FieldChange]) -> String? {
            guard carried || !existing else { return old }
            guard let old, !old.isEmpty else {
                if existing, let netbox, !netbox.isEmpty, netbox != old { changes.append(.init(field, .set, old: old, new: netbox)) }
                return netbox ?? old
            }
            if let netbox, !netbox.isEmpty {
                if netbox != old { changes.append(.init(field, .set, old: old, new: netbox)) }
                return netbox
            }
            if replace { changes.append(.init(field, .removed, old: old)); return nil }
            changes.append(.init(field, .kept, old: old))
            return old
        }

        /// A list after the import: the old members, then NetBox's new ones; members NetBox lacks are kept (listed)
        /// or, with `replace` and a source that shows the whole list, removed.
        mutating func mergeList<T: Equatable & CustomStringConvertible>(_ field: String, netbox: [T], old: [T]?, complete: Bool,
                                                                         into changes: inout [NetBoxChangePlan.FieldChange]) -> [T] {
            var unseen = Set<String>()
            defer { if !unseen.isEmpty { unseenFields.append(field) } }
            guard let old else { return netbox }
            var result: [T] = []
            for x in old {
                if netbox.contains(x) { result.append(x); continue }
                if !complete { unseen.insert("\(field)\u{0}\(x)"); result.append(x) }
                else if replace { changes.append(.init(field, .removed, old: x.description)) }
                else { changes.append(.init(field, .kept, old: x.description)); result.append(x) }
            }
            for x in netbox where !old.contains(x) {
                changes.append(.init(field, .added, new: x.description))
                result.append(x)
            }
            return result
        }

        // MARK: Devices

        mutating func importDevices() {
            // A device's whole address list is in the data only with an IP address list; devices alone show the
            // primary addresses (a table export only one of them).
            // (A "Current view" IP address table names no device: it shows nothing of any device's list.)
            let addressesComplete = data.ipAddresses.contains { $0.device != nil }
            let byDevice = Dictionary(grouping: data.ipAddresses.filter { $0.device != nil }, by: { $0.device! })
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
                let assigned = (byDevice[d.name] ?? []).filter { !NetBoxImport.sharedRoles.contains($0.role?.lowercased() ?? "") }
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

                let tenantAgency = d.carried.contains(.tenant) ? agency(for: d.tenant, source: d.source) : nil
                let siteID = d.site.flatMap { site(for: $0, agencyHint: tenantAgency, source: d.source) }
                guard let agencyID = tenantAgency ?? existing?.agency.id ?? siteID.flatMap(agencyOfSite) ?? defaultAgency else {
                    notes.append(note(d.source, "has no tenant and no site of a known agency; skipped (give it a tenant in NetBox, or pass --agency ID)"))
                    continue
                }
                var changes: [NetBoxChangePlan.FieldChange] = []
                if let existing, existing.agency.id != agencyID { changes.append(.init("agency", .set, old: existing.agency.id, new: agencyID)) }
                let merged4 = mergeList("ipv4", netbox: addresses.filter { $0.family == .v4 }, old: old?.ipv4,
                                        complete: addressesComplete || (old?.ipv4.count ?? 0) <= 1 && d.carried.contains(.primaryIPv4), into: &changes)
                let merged6 = mergeList("ipv6", netbox: addresses.filter { $0.family == .v6 }, old: old?.ipv6,
                                        complete: addressesComplete || (old?.ipv6.count ?? 0) <= 1 && d.carried.contains(.primaryIPv6), into: &changes)
                let all = merged4 + merged6

                // The segment: its custom field, else the one that holds its address on its own site; an existing
                // device stays where it is while its segment still holds its addresses.
                var segment: Segment?
                var how = ""
                if d.carried.contains(.segment), let named = d.segment {
                    if let s = inventory.segment(named) { segment = s } else {
                        notes.append(note(d.source, "custom field segment \(quoted(named)) is not a segment of the inventory; placed by its address"))
                    }
                }
                if segment == nil, let old, let s = inventory.segment(old.segment),
                   all.allSatisfy({ a in s.prefixes(a.family).contains { $0.contains(a) } }) {
                    segment = s
                }
                if segment == nil, let anchor = addresses.first ?? all.first {
                    segment = segmentHolding(anchor, site: siteID)
                    if let s = segment, let siteID, s.site != siteID {
                        how = "; its site \(quoted(siteID)) has no segment that holds \(anchor), so it is placed in segment \(quoted(s.id)) of site \(quoted(s.site))"
                    }
                }
                if segment == nil, addresses.isEmpty, let old, let s = inventory.segment(old.segment) { segment = s }
                if segment == nil, all.isEmpty, let siteID {
                    let candidates = inventory.segments.filter { $0.site == siteID }
                    if candidates.count == 1 { segment = candidates[0] }
                }
                if !how.isEmpty { notes.append(note(d.source, String(how.dropFirst(2)))) }
                var ipv4 = merged4, ipv6 = merged6
                if let segment {
                    let outside = all.filter { a in !segment.prefixes(a.family).contains { $0.contains(a) } }
                    for a in outside {
                        if old?.ipv4.contains(a) == true || old?.ipv6.contains(a) == true {
                            notes.append(note(d.source, "\(a) is outside its segment \(quoted(segment.id)); kept (the inventory had it)"))
                        } else {
                            notes.append(note(d.source, "\(a) is outside its segment \(quoted(segment.id)) (\(segment.prefixes(a.family).map(\.description).joined(separator: ", "))); left out"))
                            changes.removeAll { $0.effect == .added && $0.new == a.description }
                            ipv4.removeAll { $0 == a }; ipv6.removeAll { $0 == a }
                        }
                    }
                } else {
                    let why = all.isEmpty ? "it has no address and its site has not exactly one segment"
                        : "no segment\(siteID.map { " of site \(quoted($0))" } ?? "") or any other site contains \(all[0])"
                    notes.append(note(d.source, "kept with no segment: \(why) (import the prefixes too, or set its segment)"))
                }
                let segmentID = segment?.id ?? old?.segment ?? ""
                if let old, old.segment != segmentID { changes.append(.init("segment", .set, old: old.segment, new: segmentID)) }

                var role = old?.role ?? .other
                if d.carried.contains(.role) {
                    if let r = NetBoxMapping.deviceRole(d.role) {
                        if let old, old.role != r { changes.append(.init("role", .set, old: old.role.rawValue, new: r.rawValue)) }
                        role = r
                    } else if !d.role.isEmpty {
                        notes.append(note(d.source, "role \(quoted(d.role.shown)) has no v6ready equivalent; \(old == nil ? "imported as other" : "kept \(role.rawValue)")"))
                    } else if old == nil {
                        notes.append(note(d.source, "no role; imported as other"))
                    }
                }
                var os = d.platform, version = d.firmwareVersion
                var versionCarried = d.carried.contains(.firmwareVersion)
                if version == nil, let platform = d.platform, let split = NetBoxImport.splitPlatform(platform) {
                    os = split.os; version = split.version; versionCarried = true
                }
                var criticality = old?.criticality ?? .medium
                if let c = d.criticality {
                    if let word = Criticality(rawValue: c.lowercased()) {
                        if let old, old.criticality != word { changes.append(.init("criticality", .set, old: old.criticality.rawValue, new: word.rawValue)) }
                        criticality = word
                    } else { notes.append(note(d.source, "criticality \(quoted(c)) is not one of \(Criticality.allCases.map(\.rawValue).joined(separator: ", ")); kept \(criticality.rawValue)")) }
                }
                let name = merge("name", carried: d.carried.contains(.description), netbox: d.description, old: old?.name, existing: old != nil, into: &changes) ?? d.name
                let vendor = merge("vendor", carried: d.carried.contains(.manufacturer), netbox: d.manufacturer, old: old?.vendor, existing: old != nil, into: &changes) ?? ""
                let model = merge("model", carried: d.carried.contains(.model), netbox: d.model, old: old?.model, existing: old != nil, into: &changes) ?? ""
                let device = Device(id: id, name: name, role: role, vendor: vendor, model: model,
                                    os: merge("os", carried: d.carried.contains(.platform), netbox: os, old: old?.os, existing: old != nil, into: &changes),
                                    version: merge("version", carried: versionCarried, netbox: version, old: old?.version, existing: old != nil, into: &changes),
                                    segment: segmentID, ipv4: ipv4, ipv6: ipv6,
                                    owner: merge("owner", carried: d.carried.contains(.owner), netbox: d.owner, old: old?.owner, existing: old != nil, into: &changes),
                                    criticality: criticality,
                                    notes: merge("notes", carried: d.carried.contains(.comments), netbox: d.comments, old: old?.notes, existing: old != nil, into: &changes))
                if d.manufacturer == nil && old == nil { notes.append(note(d.source, "no manufacturer; vendor left empty (the capability catalog cannot judge it)")) }
                place(device, agency: agencyID, existing: existing)
                planned("device", id, new: old == nil, changes, source: d.source)
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
            } else {
                inventory.agencyFiles[target].devices.append(device)
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
                var changes: [NetBoxChangePlan.FieldChange] = []
                // No addresses in NetBox (or no such column): a new service answers on its device's addresses, an
                // existing one keeps its own (a load balancer's VIP is not the balancer's address).
                var ipv4: [IPAddress], ipv6: [IPAddress]
                if addresses.isEmpty {
                    ipv4 = old?.ipv4 ?? device.ipv4; ipv6 = old?.ipv6 ?? device.ipv6
                } else {
                    ipv4 = mergeList("ipv4", netbox: addresses.filter { $0.family == .v4 }, old: old?.ipv4, complete: true, into: &changes)
                    ipv6 = mergeList("ipv6", netbox: addresses.filter { $0.family == .v6 }, old: old?.ipv6, complete: true, into: &changes)
                }
                let proto = s.protocolName?.lowercased() ?? "tcp"
                // The kind: its custom field; without one, an existing service keeps its kind and a new one is guessed.
                var kind = old?.kind ?? NetBoxMapping.serviceKind(name: s.name, ports: s.ports)
                if s.carried.contains(.kind), let k = s.kind {
                    if let word = ServiceKind(rawValue: k) {
                        if let old, old.kind != word { changes.append(.init("kind", .set, old: old.kind.rawValue, new: word.rawValue)) }
                        kind = word
                    } else { notes.append(note(s.source, "service_kind \(quoted(k)) is not a v6ready kind; \(old == nil ? "guessed" : "kept") \(kind.rawValue)")) }
                }
                if proto != "tcp" && kind != .dns {
                    notes.append(note(s.source, "protocol \(proto): v6ready probes service ports over TCP"))
                }
                var audience = old?.audience ?? .internal
                if let a = s.audience {
                    if let word = Audience(rawValue: a) {
                        if let old, old.audience != word { changes.append(.init("audience", .set, old: old.audience.rawValue, new: word.rawValue)) }
                        audience = word
                    } else { notes.append(note(s.source, "audience \(quoted(a)) is not public or internal; kept \(audience.rawValue)")) }
                } else if old == nil {
                    notes.append(note(s.source, "no audience (custom field audience); imported as internal"))
                }
                let ports = s.carried.contains(.ports) && !s.ports.isEmpty
                    ? mergeList("ports", netbox: s.ports, old: old?.ports, complete: true, into: &changes) : (old?.ports ?? s.ports)
                if let old, old.device != deviceID { changes.append(.init("device", .set, old: old.device, new: deviceID)) }
                let service = Service(id: id, name: merge("name", carried: s.carried.contains(.description), netbox: s.description, old: old?.name, existing: old != nil, into: &changes) ?? s.name,
                                      kind: kind,
                                      category: merge("category", carried: s.carried.contains(.category), netbox: s.category, old: old?.category, existing: old != nil, into: &changes),
                                      hostname: merge("hostname", carried: s.carried.contains(.hostname), netbox: s.hostname, old: old?.hostname, existing: old != nil, into: &changes),
                                      ports: ports, ipv4: ipv4, ipv6: ipv6, audience: audience, device: deviceID,
                                      notes: merge("notes", carried: s.carried.contains(.comments), netbox: s.comments, old: old?.notes, existing: old != nil, into: &changes))
                var owner = existing?.agency.id ?? location.agency.id
                if let named = s.agency {
                    if inventory.agencyFileIndex(named) != nil { owner = named } else { notes.append(note(s.source, "agency \(quoted(named)) is not an agency of the inventory; placed with its device's agency \(quoted(owner))")) }
                }
                if let existing, existing.agency.id != owner, let from = inventory.agencyFileIndex(existing.agency.id) {
                    changes.append(.init("agency", .set, old: existing.agency.id, new: owner))
                    inventory.agencyFiles[from].services.removeAll { $0.id == id }
                }
                let target = inventory.agencyFileIndex(owner)!
                if let i = inventory.agencyFiles[target].services.firstIndex(where: { $0.id == id }) {
                    inventory.agencyFiles[target].services[i] = service
                } else {
                    inventory.agencyFiles[target].services.append(service)
                }
                planned("service", id, new: old == nil, changes, source: s.source)
                servicesSeen.insert(id)
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

    /// `Trụ sở (so-a)` → (`Trụ sở`, `so-a`): the site name `inventory netbox-export` gives when two agencies share one.
    static func agencyQualified(_ name: String) -> (String, String)? {
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "(") else { return nil }
        let inner = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        let base = String(name[..<open]).trimmingSpaces()
        guard !inner.isEmpty, !base.isEmpty else { return nil }
        return (base, inner)
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
