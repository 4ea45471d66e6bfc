/// IPv6-only readiness in `plan.json`: the shares per category and agency, and per year against the targets.
enum IPv6OnlyJSON {
    static func readiness(_ r: IPv6OnlyReadiness) -> JSONValue {
        func score(_ s: IPv6OnlyReadiness.Score) -> JSONValue {
            var o = JSONObjectBuilder()
            o.add("id", s.key); o.add("total", s.total)
            o.add("capable", s.capable); o.add("capable_percent", ReportJSON.rounded(s.capablePercent))
            o.add("verified", s.verified); o.add("verified_percent", ReportJSON.rounded(s.verifiedPercent))
            o.add("years", .array(s.years.map { y in
                var e = JSONObjectBuilder()
                e.add("year", y.year)
                e.add("target", y.target.map(ReportJSON.rounded) ?? .null)
                e.add("planned_capable", ReportJSON.rounded(y.planned))
                return e.value
            }))
            return o.value
        }
        var o = JSONObjectBuilder()
        o.add("ruled_replacements", r.ruledReplacements)
        o.add("categories", .array(r.categories.map(score)))
        o.add("agencies", .array(r.agencies.map(score)))
        return o.value
    }
}
