/// Allocates the IPv6 address plan: a nibble-aligned block per agency, one per site inside it, and a /64 per
/// segment inside its site's block. Stable: prefixes already in the inventory and blocks recorded in
/// `addrplan.json` are kept; new blocks are appended after the highest allocation of their parent (the lowest free
/// block only once the parent's end is reached). Also finds overlaps and prefixes outside their parent block.
public enum AddressPlanner {
    public static let segmentLength = 64

    public struct PlanError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// One line of the address plan table.
    public struct Row: Sendable, Equatable {
        public enum Level: String, Sendable { case agency, site, segment }
        /// Where the prefix came from.
        public enum Source: String, Sendable {
            /// Written in the inventory (segments).
            case inventory
            /// Derived from the inventory's existing segment prefixes (agency and site blocks, first run).
            case derived
            /// Recorded in addrplan.json by an earlier run.
            case kept
            /// Allocated by this run.
            case new
            /// A site without a block of its own (its existing segments are spread over the agency block).
            case shared
        }
        public var level: Level
        public var id: String
        public var agency: String
        public var site: String?
        public var name: String
        public var prefix: IPPrefix?
        public var source: Source
    }

    public struct Finding: Sendable, Equatable {
        public enum Severity: String, Sendable { case error, warning }
        public var severity: Severity
        public var ids: [String]
        public var message: String
        public var description: String { "\(severity.rawValue): \(message)" }
    }

    public struct Result: Sendable {
        public var state: AddressPlanState
        public var rows: [Row]
        public var findings: [Finding]
        /// Segments without an IPv6 prefix in the inventory → the /64 the plan gives them.
        public var plannedSegmentPrefixes: [String: IPPrefix]
        public var hasErrors: Bool { findings.contains { $0.severity == .error } }
    }

    /// - Parameters:
    ///   - root: the block to divide (usually `ipv6_allocation`).
    ///   - state: the previous run's `addrplan.json`, if any; its prefix must equal `root`.
    public static func plan(_ inventory: Inventory, root: IPPrefix, state previous: AddressPlanState?) throws(PlanError) -> Result {
        guard root.family == .v6 else { throw PlanError(message: "\(root) is not an IPv6 prefix") }
        guard root.length % 4 == 0 else { throw PlanError(message: "\(root) is not on a nibble boundary (the length must be a multiple of 4)") }
        guard root.length <= 56 else { throw PlanError(message: "\(root) is too small to divide among agencies, sites and /64 segments (use a /56 or larger; VNNIC assigns a /48 per site)") }
        if let previous, previous.prefix != root {
            throw PlanError(message: "addrplan.json was made for \(previous.prefix), not \(root); pass --prefix \(previous.prefix), or move addrplan.json away to start a new plan")
        }
        var findings: [Finding] = []
        let files = inventory.agencyFiles
        var segmentAgency: [String: String] = [:]
        for f in files { for s in f.segments { segmentAgency[s.id] = f.agency.id } }
        let inventoryPrefixes: [(segment: Segment, prefix: IPPrefix)] = files.flatMap { f in f.segments.flatMap { s in s.ipv6.map { (s, $0) } } }
        let inRoot = inventoryPrefixes.filter { root.contains($0.prefix) }
        for (segment, prefix) in inventoryPrefixes where !root.contains(prefix) {
            findings.append(Finding(severity: .error, ids: [segment.id], message: "segment \(segment.id): \(prefix) is outside the plan's prefix \(root)"))
        }

        let agencyLength = previous?.agencyLength ?? inferAgencyLength(files, existing: inRoot, root: root, agencyOf: segmentAgency)
        let siteLength = previous?.siteLength ?? min(60, agencyLength + nibbleBits(for: 2 * max(1, files.map(\.sites.count).max() ?? 1)))
        var state = AddressPlanState(prefix: root, agencyLength: agencyLength, siteLength: siteLength)
        let liveAgencies = Set(files.map(\.agency.id))
        let liveSites = Set(files.flatMap { $0.sites.map(\.id) })
        let liveSegments = Set(files.flatMap { $0.segments.map(\.id) })

        // Every prefix in use, for the free-block search.
        var taken: [IPPrefix] = inRoot.map(\.prefix)
        func isFree(_ candidate: IPPrefix, parent: IPPrefix) -> Bool {
            !taken.contains { $0.overlaps(candidate) && !$0.contains(parent) }
        }

        // Agencies: kept, then derived from existing segments, then new.
        var agencyBlock: [String: IPPrefix] = [:]
        var agencySource: [String: Row.Source] = [:]
        for b in previous?.agencies ?? [] where liveAgencies.contains(b.id) {
            guard let p = b.prefix else { continue }
            if !root.contains(p) {
                findings.append(Finding(severity: .error, ids: [b.id], message: "agency \(b.id): block \(p) in addrplan.json is outside \(root)"))
            }
            if let other = agencyBlock.first(where: { $0.value.overlaps(p) }) {
                findings.append(Finding(severity: .error, ids: [other.key, b.id], message: "agencies \(other.key) and \(b.id): blocks \(other.value) and \(p) overlap"))
            }
            agencyBlock[b.id] = p; agencySource[b.id] = .kept; taken.append(p)
            state.agencies.append(b)
        }
        let existingByAgency = Dictionary(grouping: inRoot, by: { segmentAgency[$0.segment.id] ?? "" })
        for f in files where agencyBlock[f.agency.id] == nil {
            guard let mine = existingByAgency[f.agency.id], let first = mine.map(\.prefix).min() else { continue }
            let block = IPPrefix(address: first.address, length: agencyLength)
            let others = inRoot.filter { segmentAgency[$0.segment.id] != f.agency.id }
            guard mine.allSatisfy({ block.contains($0.prefix) }), !others.contains(where: { block.overlaps($0.prefix) }),
                  !agencyBlock.values.contains(where: { $0.overlaps(block) }) else { continue }
            agencyBlock[f.agency.id] = block; agencySource[f.agency.id] = .derived; taken.append(block)
            state.agencies.append(.init(id: f.agency.id, prefix: block))
        }
        for f in files where agencyBlock[f.agency.id] == nil {
            guard let block = allocate(in: root, length: agencyLength, taken: taken, isFree: isFree) else {
                throw PlanError(message: "\(root) has no free /\(agencyLength) left for agency \(f.agency.id)")
            }
            agencyBlock[f.agency.id] = block; agencySource[f.agency.id] = .new; taken.append(block)
            state.agencies.append(.init(id: f.agency.id, prefix: block))
        }

        // Sites, within their agency's block.
        var siteBlock: [String: IPPrefix?] = [:]
        var siteSource: [String: Row.Source] = [:]
        let siteAgency = Dictionary(files.flatMap { f in f.sites.map { ($0.id, f.agency.id) } }, uniquingKeysWith: { first, _ in first })
        for b in previous?.sites ?? [] where liveSites.contains(b.id) {
            siteBlock[b.id] = b.prefix; siteSource[b.id] = b.prefix == nil ? .shared : .kept
            if let p = b.prefix {
                if let a = siteAgency[b.id].flatMap({ agencyBlock[$0] }), !a.contains(p) {
                    findings.append(Finding(severity: .error, ids: [b.id], message: "site \(b.id): block \(p) in addrplan.json is outside its agency's block \(a)"))
                }
                taken.append(p)
            }
            state.sites.append(.init(id: b.id, agency: siteAgency[b.id], prefix: b.prefix))
        }
        for f in files {
            guard let parent = agencyBlock[f.agency.id] else { continue }
            let existing = inRoot.filter { segmentAgency[$0.segment.id] == f.agency.id && parent.contains($0.prefix) }
            // Derive blocks for sites that already have segments.
            for site in f.sites where siteBlock[site.id] == nil {
                let mine = existing.filter { $0.segment.site == site.id }.map(\.prefix)
                guard !mine.isEmpty else { continue }
                let common = min(siteLength, commonNibbleLength(mine), 64)
                let block = IPPrefix(address: mine[0].address, length: max(common, parent.length))
                let others = existing.filter { $0.segment.site != site.id }.map(\.prefix)
                let otherSites = siteBlock.compactMap { $0.value }
                if mine.allSatisfy({ block.contains($0) }), !others.contains(where: { block.overlaps($0) }),
                   !otherSites.contains(where: { $0.overlaps(block) }) {
                    siteBlock[site.id] = block; siteSource[site.id] = .derived
                    if block != parent { taken.append(block) }
                } else {
                    siteBlock[site.id] = .some(nil); siteSource[site.id] = .shared
                }
                state.sites.append(.init(id: site.id, agency: f.agency.id, prefix: siteBlock[site.id]!))
            }
            for site in f.sites where siteBlock[site.id] == nil {
                guard let block = allocate(in: parent, length: siteLength, taken: taken, isFree: isFree) else {
                    throw PlanError(message: "agency \(f.agency.id)'s block \(parent) has no free /\(siteLength) left for site \(site.id)")
                }
                siteBlock[site.id] = block; siteSource[site.id] = .new; taken.append(block)
                state.sites.append(.init(id: site.id, agency: f.agency.id, prefix: block))
            }
        }

        // Segments: the inventory's prefixes, then kept plans, then new /64s.
        var planned: [String: IPPrefix] = [:]
        var segmentSource: [String: Row.Source] = [:]
        let keptSegments = Dictionary((previous?.segments ?? []).compactMap { b in b.prefix.map { (b.id, $0) } }, uniquingKeysWith: { a, _ in a })
        var recorded: [String: IPPrefix] = [:]
        for f in files {
            for segment in f.segments {
                if let first = segment.ipv6.first { recorded[segment.id] = first; segmentSource[segment.id] = .inventory; continue }
                guard let p = keptSegments[segment.id] else { continue }
                let conflict = !root.contains(p) || inRoot.contains { $0.prefix.overlaps(p) } || planned.values.contains { $0.overlaps(p) }
                if conflict {
                    findings.append(Finding(severity: .warning, ids: [segment.id],
                                            message: "segment \(segment.id): \(p) from addrplan.json now collides with another allocation; a new /64 is given"))
                } else {
                    planned[segment.id] = p; segmentSource[segment.id] = .kept; taken.append(p)
                }
            }
        }
        for f in files {
            for segment in f.segments where segment.ipv6.isEmpty && planned[segment.id] == nil {
                let parent = (siteBlock[segment.site] ?? nil) ?? agencyBlock[f.agency.id]!
                guard let block = allocate(in: parent, length: segmentLength, taken: taken, isFree: isFree) else {
                    throw PlanError(message: "block \(parent) has no free /64 left for segment \(segment.id)")
                }
                planned[segment.id] = block; segmentSource[segment.id] = .new; taken.append(block)
            }
        }
        // The state lists segments in the order they were first allocated.
        var segmentOrder = (previous?.segments ?? []).map(\.id).filter { liveSegments.contains($0) }
        for f in files { for s in f.segments where !segmentOrder.contains(s.id) { segmentOrder.append(s.id) } }
        state.segments = segmentOrder.compactMap { id in (planned[id] ?? recorded[id]).map { AddressPlanState.Block(id: id, prefix: $0) } }

        // Checks.
        var all: [(id: String, prefix: IPPrefix)] = inventoryPrefixes.map { ($0.segment.id, $0.prefix) }
        all += planned.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        for i in all.indices {
            for j in all.indices where j > i && all[i].prefix.overlaps(all[j].prefix) {
                let same = all[i].id == all[j].id
                findings.append(Finding(severity: .error, ids: [all[i].id, all[j].id],
                                        message: same ? "segment \(all[i].id): \(all[i].prefix) and \(all[j].prefix) overlap"
                                                      : "segments \(all[i].id) and \(all[j].id) overlap: \(all[i].prefix) and \(all[j].prefix)"))
            }
        }
        for f in files {
            guard let block = agencyBlock[f.agency.id] else { continue }
            for segment in f.segments {
                for prefix in segment.ipv6 where root.contains(prefix) {
                    if !block.contains(prefix) {
                        let owner = agencyBlock.first { $0.key != f.agency.id && $0.value.contains(prefix) }
                        findings.append(Finding(severity: .error, ids: [segment.id],
                                                message: "segment \(segment.id): \(prefix) is outside agency \(f.agency.id)'s block \(block)"
                                                    + (owner.map { " (it lies in agency \($0.key)'s block \($0.value))" } ?? "")))
                    } else if let site = siteBlock[segment.site] ?? nil, !site.contains(prefix) {
                        findings.append(Finding(severity: .warning, ids: [segment.id],
                                                message: "segment \(segment.id): \(prefix) is outside site \(segment.site)'s block \(site) (kept: it is in use)"))
                    }
                    if segment.kind == .lan, prefix.length != 64 {
                        findings.append(Finding(severity: .warning, ids: [segment.id], message: "segment \(segment.id): a LAN should be a /64 (SLAAC needs it), not \(prefix)"))
                    }
                }
            }
        }

        // Table rows.
        var rows: [Row] = []
        for f in files {
            rows.append(Row(level: .agency, id: f.agency.id, agency: f.agency.id, site: nil, name: f.agency.name,
                            prefix: agencyBlock[f.agency.id], source: agencySource[f.agency.id] ?? .new))
            for site in f.sites {
                rows.append(Row(level: .site, id: site.id, agency: f.agency.id, site: site.id, name: site.name,
                                prefix: siteBlock[site.id] ?? nil, source: siteSource[site.id] ?? .new))
                for segment in f.segments where segment.site == site.id {
                    if segment.ipv6.isEmpty {
                        rows.append(Row(level: .segment, id: segment.id, agency: f.agency.id, site: site.id, name: segment.name,
                                        prefix: planned[segment.id], source: segmentSource[segment.id] ?? .new))
                    }
                    for prefix in segment.ipv6 {
                        rows.append(Row(level: .segment, id: segment.id, agency: f.agency.id, site: site.id, name: segment.name,
                                        prefix: prefix, source: .inventory))
                    }
                }
            }
        }
        return Result(state: state, rows: rows, findings: findings, plannedSegmentPrefixes: planned)
    }

    /// The first free block of `length` in `parent` after the highest allocation inside it; else the lowest free one.
    static func allocate(in parent: IPPrefix, length: Int, taken: [IPPrefix], isFree: (IPPrefix, IPPrefix) -> Bool) -> IPPrefix? {
        let shift = 128 - length
        let count = length - parent.length >= 20 ? UInt64(1) << 20 : UInt64(1) << UInt64(length - parent.length)
        let inside = taken.filter { parent.contains($0) && $0 != parent }
        var startIndex: UInt64 = 0
        if let highest = inside.map({ $0.lastAddress }).max() {
            let offset = highest.bits.subtractingWrapping(parent.address.bits).shiftedRight(by: shift)
            startIndex = offset.low &+ 1
        }
        func candidate(_ i: UInt64) -> IPPrefix {
            IPPrefix(address: parent.address.withBits(parent.address.bits.addingReportingOverflow(Bits128(i).shiftedLeft(by: shift)).partialValue), length: length)
        }
        for i in Swift.stride(from: startIndex, to: count, by: 1) where isFree(candidate(i), parent) { return candidate(i) }
        for i in Swift.stride(from: UInt64(0), to: min(startIndex, count), by: 1) where isFree(candidate(i), parent) { return candidate(i) }
        return nil
    }

    /// The longest nibble-aligned length that keeps each agency's existing segments in one block of its own,
    /// no longer than /56 (256 segments) and leaving room for every agency; else a length from the agency count.
    static func inferAgencyLength(_ files: [AgencyFile], existing: [(segment: Segment, prefix: IPPrefix)], root: IPPrefix,
                                  agencyOf: [String: String]) -> Int {
        let needed = root.length + nibbleBits(for: 2 * max(1, files.count))
        let longest = max(needed, 56)
        guard !existing.isEmpty else { return min(needed, 60) }
        var length = min(longest, 60)
        while length >= needed {
            var owner: [IPPrefix: String] = [:]
            var blockOf: [String: IPPrefix] = [:]
            var ok = true
            for (segment, prefix) in existing {
                guard prefix.length >= length, let agency = agencyOf[segment.id] else { ok = false; break }
                let block = IPPrefix(address: prefix.address, length: length)
                if let b = blockOf[agency], b != block { ok = false; break }
                if let o = owner[block], o != agency { ok = false; break }
                blockOf[agency] = block; owner[block] = agency
            }
            if ok { return length }
            length -= 4
        }
        return min(needed, 60)
    }

    /// Bits (a multiple of 4, at least 4) to number `count` things.
    static func nibbleBits(for count: Int) -> Int {
        var bits = 4
        while (1 << bits) < count { bits += 4 }
        return bits
    }

    /// The longest nibble-aligned prefix length the prefixes share.
    static func commonNibbleLength(_ prefixes: [IPPrefix]) -> Int {
        guard let first = prefixes.first else { return 0 }
        var length = prefixes.map(\.length).min()! / 4 * 4
        while length > 0, !prefixes.allSatisfy({ IPPrefix(address: $0.address, length: length) == IPPrefix(address: first.address, length: length) }) {
            length -= 4
        }
        return length
    }
}
