extension AddressPlanner.Result {
    /// `addrplan --json`.
    public func json(root: IPPrefix, written: Int) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("prefix", root.description)
        o.add("agency_length", state.agencyLength)
        o.add("site_length", state.siteLength)
        o.add("rows", .array(rows.map { r in
            var row = JSONObjectBuilder()
            row.add("level", r.level.rawValue); row.add("id", r.id); row.add("agency", r.agency); row.addIfPresent("site", r.site)
            row.add("prefix", r.prefix.map { .string($0.description) } ?? .null); row.add("source", r.source.rawValue); row.add("name", r.name)
            return row.value
        }))
        o.add("findings", .array(findings.map { f in
            .object([("severity", .string(f.severity.rawValue)), ("ids", .array(f.ids.map(JSONValue.string))), ("message", .string(f.message))])
        }))
        o.add("written", written)
        return o.value
    }

    /// `addrplan`'s text output: the blocks as an indented tree, where each segment's prefix came from, findings.
    public func text(root: IPPrefix, written: Int, language: ReportLanguage) -> String {
        let x = ReportText(language)
        var out = x.t("IPv6 address plan", "Quy hoạch địa chỉ IPv6") + " \(root): " + x.t("agency", "cơ quan") + " /\(state.agencyLength), "
            + x.t("site", "điểm") + " /\(state.siteLength), " + x.t("segment", "phân đoạn") + " /64\n"
        var table = TextTable([x.t("LEVEL", "CẤP"), "ID", x.t("PREFIX", "TIỀN TỐ"), x.t("SOURCE", "NGUỒN"), x.t("NAME", "TÊN")])
        for r in rows {
            let indent = r.level == .agency ? "" : r.level == .site ? "  " : "    "
            table.add([r.level.rawValue, indent + r.id, r.prefix?.description ?? "—", r.source.rawValue, r.name])
        }
        out += table.render()
        var counts: [AddressPlanner.Row.Source: Int] = [:]
        for r in rows where r.level == .segment { counts[r.source, default: 0] += 1 }
        let inInventory = "\(counts[.inventory] ?? 0) " + x.t("in the inventory", "đã có trong kiểm kê")
        let kept = "\(counts[.kept] ?? 0) " + x.t("kept from addrplan.json", "giữ từ addrplan.json")
        let new = "\(counts[.new] ?? 0) " + x.t("new", "mới")
        out += "\n" + x.t("Segments", "Phân đoạn") + ": " + inInventory + ", " + kept + ", " + new + "\n"
        for f in findings { out += f.description + "\n" }
        if written > 0 { out += x.t("Wrote \(written) segment prefixes into the inventory.", "Đã ghi \(written) tiền tố vào kiểm kê.") + "\n" }
        return out
    }

    /// `addrplan --csv`: one row per block (UTF-8 with BOM, for Excel).
    public var csv: [UInt8] {
        CSV.format(header: ["level", "id", "agency", "site", "prefix", "source", "name"],
                   rows: rows.map { r in [r.level.rawValue, r.id, r.agency, r.site ?? "", r.prefix?.description ?? "", r.source.rawValue, r.name] },
                   byteOrderMark: true, guardingFormulas: true)
    }

    /// The inventory with the planned /64s written into segments that have no IPv6 prefix, and how many.
    public func applied(to inventory: Inventory) -> (Inventory, Int) {
        var updated = inventory
        var count = 0
        for f in updated.agencyFiles.indices {
            for s in updated.agencyFiles[f].segments.indices where updated.agencyFiles[f].segments[s].ipv6.isEmpty {
                if let p = plannedSegmentPrefixes[updated.agencyFiles[f].segments[s].id] { updated.agencyFiles[f].segments[s].ipv6 = [p]; count += 1 }
            }
        }
        return (updated, count)
    }
}
