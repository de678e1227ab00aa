import LeadCore

/// The outcome of qualifying one person: status, grade, score, fit, BANT and the reasons behind them.
struct Qualification {
    var status: String
    var grade: String
    var score: Int
    var fit: Int
    var bant: JSONValue
    var reasons: [JSONValue]
}

/// PLACEHOLDER qualification rule — replaced by the rule-driven ICP/BANT qualifier of the
/// qualification issue. It only applies the hard disqualifiers every ICP has (no usable e-mail,
/// a disposable address, consent refused, a truncated record) and otherwise marks the lead
/// `nurture`, or `qualified` when the company site was researched and the person's title is known.
/// Score and fit are 0 and BANT is unstated until the real rules exist.
struct PlaceholderQualifier {
    func qualify(_ person: MergedPerson, siteOK: Bool) -> Qualification {
        let p = person.primary
        var reasons: [JSONValue] = []
        func reason(_ rule: String, _ field: String, _ evidence: String) {
            reasons.append(.object([("rule", .string(rule)), ("points", .int(0)), ("field", .string(field)),
                                    ("evidence", .string(evidence))]))
        }
        if !p.flags.valid { reason("placeholder.email_invalid", "person.email", p.flags.invalidReason ?? "invalid") }
        if p.flags.disposable { reason("placeholder.email_disposable", "person.email_flags.disposable", "true") }
        if person.consent == false { reason("placeholder.consent_false", "person.consent", "false") }
        if person.truncated { reason("placeholder.record_truncated", "record_status", "truncated") }
        let status: String
        if !reasons.isEmpty {
            status = "disqualified"
        } else if siteOK && person.titleRecord != nil {
            status = "qualified"
        } else {
            status = "nurture"
        }
        let unstated: JSONValue = .object([("met", .null)])
        return Qualification(
            status: status, grade: status == "qualified" ? "C" : "D", score: 0, fit: 0,
            bant: .object([("budget", unstated), ("authority", unstated), ("need", unstated), ("timeline", unstated)]),
            reasons: reasons)
    }
}
