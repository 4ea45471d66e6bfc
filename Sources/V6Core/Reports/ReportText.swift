/// Everything a report says in words, in English or Vietnamese. Each phrase is written in both languages side by
/// side so that a missing translation shows in review.
public struct ReportText: Sendable {
    public let language: ReportLanguage
    public init(_ language: ReportLanguage) { self.language = language }

    /// Picks the phrase for this report's language.
    public func t(_ en: String, _ vi: String) -> String { language == .vi ? vi : en }

    public func status(_ s: ReadinessStatus) -> String {
        switch s {
        case .dualStack: return t("Dual stack", "Song song IPv4/IPv6")
        case .ipv6Only: return t("IPv6-only", "Thuần IPv6")
        case .configured: return t("Configured, not verified", "Đã cấu hình, chưa kiểm chứng")
        case .capable: return t("IPv4-only, capable", "Chỉ IPv4, hỗ trợ IPv6")
        case .needsUpgrade: return t("Needs firmware upgrade", "Cần nâng cấp firmware")
        case .needsReplacement: return t("Needs replacement", "Cần thay thế thiết bị")
        case .ipv6Broken: return t("IPv6 broken", "IPv6 lỗi")
        case .unknown: return t("Unknown", "Chưa rõ")
        }
    }

    /// What each verdict means, for legends.
    public func statusMeaning(_ s: ReadinessStatus) -> String {
        switch s {
        case .dualStack: return t("answers over IPv4 and IPv6 in the scan", "trả lời qua cả IPv4 và IPv6 trong bản quét")
        case .ipv6Only: return t("only IPv6 addresses, answers over IPv6", "chỉ có địa chỉ IPv6 và trả lời qua IPv6")
        case .configured: return t("IPv6 configured, no scan confirms it", "đã cấu hình IPv6 nhưng chưa có bản quét xác nhận")
        case .capable: return t("IPv4 only, supports IPv6: configure it", "chỉ có IPv4, thiết bị hỗ trợ IPv6: cần cấu hình")
        case .needsUpgrade: return t("IPv4 only, IPv6 after a firmware upgrade", "chỉ có IPv4, cần nâng cấp firmware để có IPv6")
        case .needsReplacement: return t("IPv4 only, no IPv6 in any firmware: replace", "chỉ có IPv4, không phiên bản nào hỗ trợ IPv6: thay thế")
        case .ipv6Broken: return t("IPv6 published but unreachable while IPv4 works — every client waits for it",
                                   "có địa chỉ IPv6 nhưng không truy cập được trong khi IPv4 hoạt động — mọi người dùng đều bị chậm")
        case .unknown: return t("no data: not scanned, not in the catalog, or silent", "chưa có dữ liệu: chưa quét, chưa có trong danh mục hoặc không trả lời")
        }
    }

    public func kind(_ k: PlanItemKind) -> String {
        switch k {
        case .addressPlan: return t("address plan", "quy hoạch địa chỉ")
        case .segment: return t("segment", "phân đoạn mạng")
        case .device: return t("device", "thiết bị")
        case .service: return t("service", "dịch vụ")
        }
    }

    public func itemName(_ item: PlanItem) -> String {
        item.kind == .addressPlan ? t("IPv6 address plan", "Quy hoạch địa chỉ IPv6") : item.name
    }

    public func action(_ a: PlanAction) -> String {
        switch a.kind {
        case .makeAddressPlan:
            return a.to.map { t("Make the IPv6 address plan for \($0) and give every segment a prefix", "Lập quy hoạch địa chỉ IPv6 cho khối \($0) và cấp tiền tố cho mọi phân đoạn") }
                ?? t("Register IPv6 space with VNNIC and make the address plan", "Đăng ký vùng địa chỉ IPv6 với VNNIC và lập quy hoạch địa chỉ")
        case .assignPrefix:
            return a.to.map { t("Assign IPv6 prefix \($0)", "Cấp tiền tố IPv6 \($0)") }
                ?? t("Assign an IPv6 /64 from the address plan", "Cấp một tiền tố IPv6 /64 theo quy hoạch địa chỉ")
        case .upgradeFirmware:
            let to = a.to ?? "?"
            return a.from.map { t("Upgrade firmware \($0) → \(to)", "Nâng cấp firmware \($0) → \(to)") }
                ?? t("Upgrade firmware to \(to)", "Nâng cấp firmware lên \(to)")
        case .replaceDevice where a.to == IPv6OnlyVantage.word:
            return t("Replace \(a.from ?? "the device") (no IPv6 in any firmware) with an IPv6-only capable model: from 2026 nothing is bought without IPv6",
                     "Thay thế thiết bị \(a.from ?? "") (không phiên bản nào hỗ trợ IPv6) bằng thiết bị chạy được IPv6 only: từ năm 2026 không mua thiết bị không hỗ trợ IPv6")
        case .replaceDevice:
            return t("Replace \(a.from ?? "the device") (no IPv6 in any firmware)", "Thay thế thiết bị \(a.from ?? "") (không phiên bản nào hỗ trợ IPv6)")
        case .enableDualStack: return t("Enable dual stack", "Bật song song IPv4/IPv6")
        case .publishAAAA:
            return a.to.map { t("Enable IPv6 and publish AAAA for \($0)", "Bật IPv6 và khai báo bản ghi AAAA cho \($0)") }
                ?? t("Enable IPv6 and publish AAAA", "Bật IPv6 và khai báo bản ghi AAAA")
        case .fixIPv6Path:
            return a.to.map { t("Fix IPv6 reachability (ports \($0))", "Khắc phục lỗi truy cập IPv6 (cổng \($0))") }
                ?? t("Fix IPv6 reachability", "Khắc phục lỗi truy cập IPv6")
        case .fixICMPv6Policy:
            return t("Fix the ICMPv6 policy per RFC 4890 (behind it: \(a.to ?? ""))", "Sửa chính sách ICMPv6 theo RFC 4890 (phân đoạn phía sau: \(a.to ?? ""))")
        case .fixLANControlPlane:
            return t("Fix the LAN's router advertisements and DHCPv6 (\(a.to ?? ""))", "Sửa quảng bá bộ định tuyến và DHCPv6 của mạng LAN (\(a.to ?? ""))")
        case .verify: return t("Verify with a scan", "Kiểm chứng bằng bản quét")
        case .survey: return t("Survey its IPv6 support and add the model to the catalog", "Khảo sát khả năng hỗ trợ IPv6 và bổ sung vào danh mục thiết bị")
        }
    }

    public func actions(_ item: PlanItem) -> String {
        item.done ? t("Done", "Đã hoàn thành") : item.actions.map(action).joined(separator: "; ")
    }

    public func evidence(_ fact: EvidenceFact, scanName: String?, scanTime: String?) -> String {
        let scan = (scanName ?? "?") + (scanTime.map { " (\($0))" } ?? "")
        switch fact {
        case let .probe(p): return t("scan \(scan) line \(p.line): \(p.summary)", "bản quét \(scan) dòng \(p.line): \(p.summary)")
        case let .serviceVerdict(line, verdict):
            return t("scanner verdict \(verdict) (line \(line))", "kết luận của bản quét: \(verdict) (dòng \(line))")
        case let .ipv6OnlyVerdict(line, verdict, reason):
            switch verdict {
            case .native:
                return t("IPv6-only clients: works natively (line \(line))", "máy khách chỉ IPv6: hoạt động trực tiếp qua IPv6 (dòng \(line))")
            case .nat64:
                return t("IPv6-only via translation: works only through NAT64 (line \(line)); work item: publish AAAA / move to IPv6",
                         "chỉ IPv6 nhờ chuyển đổi: chỉ hoạt động qua NAT64 (dòng \(line)); việc cần làm: công bố bản ghi AAAA / chuyển sang IPv6")
            case .broken:
                return t("broken for IPv6-only clients (line \(line)): \(reason)", "không dùng được từ máy khách chỉ IPv6 (dòng \(line)): \(reason)")
            }
        case let .catalog(entry, version):
            let running = version.map { t("; runs \($0)", "; đang chạy \($0)") } ?? ""
            switch entry.ipv6 {
            case .yes: return t("catalog: \(entry.vendor) \(entry.model) supports IPv6", "danh mục: \(entry.vendor) \(entry.model) hỗ trợ IPv6") + running
            case .no: return t("catalog: \(entry.vendor) \(entry.model) has no IPv6", "danh mục: \(entry.vendor) \(entry.model) không hỗ trợ IPv6") + running
            case .upgrade:
                let from = entry.minVersion ?? "?"
                return t("catalog: \(entry.vendor) \(entry.model) supports IPv6 from \(from)", "danh mục: \(entry.vendor) \(entry.model) hỗ trợ IPv6 từ phiên bản \(from)") + running
            }
        case let .notInCatalog(vendor, model): return t("not in the capability catalog: \(vendor) \(model)", "không có trong danh mục thiết bị: \(vendor) \(model)")
        case let .configured(list): return t("IPv6 configured: ", "đã cấu hình IPv6: ") + list.joined(separator: ", ")
        case .noIPv6Configured: return t("no IPv6 address or prefix in the inventory", "chưa có địa chỉ hoặc tiền tố IPv6 trong kiểm kê")
        case .notInScan: return t("not in scan \(scan)", "không có trong bản quét \(scan)")
        case .noScan: return t("no scan: judged from the inventory and the catalog alone", "chưa có bản quét: đánh giá theo kiểm kê và danh mục thiết bị")
        case let .segmentDevices(answered, total, broken):
            let b = broken.isEmpty ? "" : t("; IPv6 broken: ", "; IPv6 lỗi: ") + broken.joined(separator: ", ")
            return t("\(answered) of \(total) devices answer over IPv6", "\(answered)/\(total) thiết bị trả lời qua IPv6") + b
        case let .host(id, status): return t("runs on \(id) (\(self.status(status)))", "chạy trên \(id) (\(self.status(status)))")
        case .noHost: return t("no host device named", "chưa ghi thiết bị chủ")
        case .icmpv6Filtered:
            return t("ICMPv6 echo dropped while TCP over IPv6 works: a filter breaks RFC 4890",
                     "ICMPv6 echo bị chặn trong khi TCP qua IPv6 hoạt động: bộ lọc vi phạm RFC 4890")
        case .silent: return t("no answer on either family", "không trả lời trên cả IPv4 và IPv6")
        case let .lanAudit(line, colour, address, dns, codes):
            let found = codes.isEmpty ? "" : " — " + codes.map(\.rawValue).joined(separator: ", ")
            return t("LAN audit \(colour.rawValue) (scan \(scan) line \(line)): hosts get \(address ? "an" : "no") IPv6 address and \(dns ? "" : "no ")DNS over IPv6",
                     "kiểm tra LAN \(colour.rawValue) (bản quét \(scan) dòng \(line)): máy trạm \(address ? "nhận được" : "không nhận được") địa chỉ IPv6 và \(dns ? "có" : "không có") DNS qua IPv6") + found
        case let .management(line, ipv4, ipv6, checks):
            let how = ipv4 && !ipv6 ? t("over IPv4 only", "chỉ qua IPv4") : ipv6 ? t("over IPv6", "qua IPv6") : t("over neither family", "không qua họ địa chỉ nào")
            return t("management ports (scan \(scan) line \(line)): manageable \(how)", "cổng quản trị (bản quét \(scan) dòng \(line)): quản trị được \(how)")
                + " — " + checks.joined(separator: ", ")
        }
    }

    // MARK: - Numbers and dates

    /// `57.3%` / `57,3%`.
    public func percent(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return JSONWriter.formatNumber(value) + "%" }
        let tenths = Int((value * 10).rounded())
        let text = "\(tenths / 10)" + (tenths % 10 == 0 ? "" : (language == .vi ? "," : ".") + "\(tenths % 10)")
        return text + "%"
    }

    /// `150,000,000` / `150.000.000`.
    public func money(_ value: Double) -> String {
        // Sums of many capped costs can still pass Int64; print those as they are rather than trap.
        guard value.isFinite, abs(value) < 9e18 else { return JSONWriter.formatNumber(value) }
        let n = Int64(value.rounded())
        var digits = String(abs(n))
        var groups: [String] = []
        while digits.count > 3 { groups.insert(String(digits.suffix(3)), at: 0); digits.removeLast(3) }
        groups.insert(digits, at: 0)
        return (n < 0 ? "-" : "") + groups.joined(separator: language == .vi ? "." : ",")
    }

    /// `2024-06-30` / `30/06/2024`.
    public func date(_ d: CalendarDate) -> String {
        guard language == .vi else { return d.description }
        let s = d.description
        return "\(s.dropFirst(8))/\(s.dropFirst(5).prefix(2))/\(s.prefix(4))"
    }

    public func yesNo(_ b: Bool) -> String { b ? t("yes", "có") : t("no", "không") }
}
