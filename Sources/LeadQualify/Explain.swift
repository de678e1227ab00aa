import Foundation
public import LeadCore

/// `leadsmith explain`: a readable breakdown of a lead line's score, for people who question it.
public enum Explain {
    /// Renders the qualification of one output lead (`leadsmith/lead@1`) as plain text: who it is, the
    /// status, grade, score and fit, every reason with its points (they add up to the score), what the
    /// person said per BANT letter, and the disqualifiers.
    ///
    /// - Parameter lead: a lead line as JSON.
    /// - Returns: the text, lines ending in `\n`.
    public static func render(lead: JSONValue) -> String {
        var out = ""
        func line(_ s: String = "") { out += s + "\n" }
        func text(_ v: JSONValue?) -> String? {
            guard let v, let s = v.evidenceText, !s.isEmpty else { return nil }
            return s
        }
        let person = lead["person"]
        let company = lead["company"]

        // Who.
        let name = [text(person?["first_name"]), text(person?["last_name"])].compactMap { $0 }.joined(separator: " ")
        var who = name.isEmpty ? (text(person?["email"]) ?? "(no e-mail)") : name
        if !name.isEmpty, let email = text(person?["email"]) { who += " <\(email)>" }
        var at: [String] = []
        if let title = text(person?["title"]) { at.append(title) }
        if let c = text(company?["name"]) ?? text(company?["domain"]) {
            at.append("at " + c + (text(company?["domain"]).map { $0 == c ? "" : " (\($0))" } ?? ""))
        }
        line(at.isEmpty ? who : "\(who) — \(at.joined(separator: " "))")
        let status = text(lead["status"]) ?? "?"
        let grade = text(lead["grade"]) ?? "?"
        let score = text(lead["score"]) ?? "?"
        let fit = text(lead["fit"]) ?? "?"
        line("\(status) · grade \(grade) · score \(score)/100 · ICP fit \(fit)/100")
        line()

        // Reasons.
        var reasons: [JSONValue] = []
        if case .array(let r)? = lead["reasons"] { reasons = r }
        line("Score breakdown (the points add up to the score):")
        let width = min(34, reasons.compactMap { text($0["rule"])?.count }.max() ?? 4)
        var sum = 0
        var disqualifiers: [String] = []
        for r in reasons {
            let rule = text(r["rule"]) ?? "?"
            let points = Int(text(r["points"]) ?? "") ?? 0
            sum += points
            let field = text(r["field"]) ?? ""
            var detail: String
            if r["missing"] == .bool(true) {
                detail = rule.hasPrefix("bant.") ? "not stated" : "\(field): missing (no data, 0 points)"
            } else if let evidence = text(r["evidence"]) {
                detail = rule.hasPrefix("bant.") ? "\"\(evidence)\"" : "\(field) = \(evidence)"
            } else {
                detail = field
            }
            if r["proxy"] == .bool(true) { detail += "  (proxy: counts because that BANT letter was not stated)" }
            if rule.hasPrefix("dq.") {
                disqualifiers.append(String(rule.dropFirst(3)))
                detail += "  → disqualifies"
            }
            if rule == "status.low_score" { detail = "score below the nurture threshold (\(text(r["evidence"]) ?? ""))" }
            let pts = (points > 0 ? "+" : " ") + String(points)
            line(pad(pts, 5, left: true) + "  " + pad(rule, width) + "  " + detail)
        }
        line("  " + String(repeating: "-", count: 4))
        line(pad(String(sum), 5, left: true) + "  total")
        line()

        // BANT.
        if let bant = lead["bant"] {
            line("BANT (what the person said):")
            for (letter, label) in [("budget", "Budget"), ("authority", "Authority"), ("need", "Need"), ("timeline", "Timeline")] {
                let b = bant[letter]
                let met: String
                switch b?["met"] {
                case .bool(true)?: met = "met"
                case .bool(false)?: met = "not met"
                default: met = "—"
                }
                var said: String
                switch letter {
                case "budget":
                    let lo = text(b?["min"]), hi = text(b?["max"])
                    let amount = lo == nil ? hi.map { "up to \($0)" } : (hi == nil ? lo.map { "at least \($0)" } : (lo == hi ? lo! : "\(lo!)–\(hi!)"))
                    said = [amount, text(b?["currency"]), text(b?["period"]).map { "per \($0)" }].compactMap { $0 }.joined(separator: " ")
                case "authority":
                    said = text(b?["level"]).map { $0 == "unknown" ? "" : $0.replacingOccurrences(of: "_", with: " ") } ?? ""
                case "need":
                    said = [text(b?["team_size"]), text(b?["team_function"]).map { $0.replacingOccurrences(of: "_", with: " ") }]
                        .compactMap { $0 }.joined(separator: " ")
                default:
                    var parts: [String] = []
                    if let d = text(b?["deadline"]) { parts.append("by \(d)") }
                    if b?["asap"] == .bool(true) { parts.append("ASAP") }
                    if b?["exploring"] == .bool(true) { parts.append("just exploring") }
                    said = parts.joined(separator: ", ")
                }
                if let evidence = text(b?["evidence"]) { said += (said.isEmpty ? "" : " — ") + "\"\(evidence)\"" }
                if said.isEmpty { said = "not stated" }
                line("  " + pad(label, 10) + " " + pad(met, 8) + " " + said)
            }
            line()
        }
        if !disqualifiers.isEmpty || status == "disqualified" {
            let list = disqualifiers.isEmpty ? (reasons.contains { $0["rule"] == .string("status.low_score") } ? ["low_score"] : []) : disqualifiers
            line("Disqualified by: " + (list.isEmpty ? "(not listed)" : list.joined(separator: ", ")))
        }
        return out
    }

    /// Renders a lead line given as JSON text; `nil` when it is not a JSON object.
    public static func render(line: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)), object is [String: Any] else { return nil }
        return render(lead: JSONValue(any: object))
    }

    private static func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let n = s.count
        guard n < width else { return s }
        let fill = String(repeating: " ", count: width - n)
        return left ? fill + s : s + fill
    }
}
