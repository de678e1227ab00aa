import Foundation
import LeadCore
import Yams

/// Reads the ICP rule language from a parsed YAML file, reporting every problem with its position.
enum ICPParser {
    static let matcherKeys = ["equals", "in", "range", "at_least", "at_most", "regex", "exists", "table"]

    static func parse(_ src: inout YAMLSource) -> ICPRules {
        var icp = ICPRules()
        icp.source = src.path
        guard let root = src.root else {
            if src.problems.isEmpty { src.problem("the ICP file is empty", at: nil) }
            return icp
        }
        var fitNode: Node? = nil
        var scoreNode: Node? = nil
        var incomplete = false
        for (key, keyNode, value) in uniquePairs(&src, root, what: "the ICP file") {
            switch key {
            case "version", "description", "name": break
            case "fit":
                fitNode = keyNode
                let before = src.problems.count
                icp.fit = criteria(&src, value, what: "fit", kind: .fit)
                incomplete = incomplete || src.problems.count > before
            case "disqualify":
                icp.disqualify = criteria(&src, value, what: "disqualify", kind: .disqualifier)
            case "bant": bant(&src, value, into: &icp)
            case "score":
                scoreNode = keyNode
                let before = src.problems.count
                score(&src, value, into: &icp)
                incomplete = incomplete || src.problems.count > before
            case "grades": grades(&src, value, into: &icp)
            case "status": status(&src, value, into: &icp)
            default:
                src.problem("unknown section '\(key)' (fit, disqualify, bant, score, grades, status)", at: keyNode)
            }
        }
        // Sums over entries that failed to read would only repeat those problems.
        if !incomplete { checkReachable(&src, icp, fitNode: fitNode ?? root, scoreNode: scoreNode ?? root) }
        return icp
    }

    /// Fit criteria must be able to reach exactly 100, and so must the score's points.
    static func checkReachable(_ src: inout YAMLSource, _ icp: ICPRules, fitNode: Node, scoreNode: Node) {
        let fitMax = icp.fit.reduce(0) { $0 + $1.weight * $1.matcher.maximumShare }
        if abs(fitMax - 100) > 1e-9 {
            let how = fitMax < 100 ? "100 is unreachable" : "fit would pass 100"
            src.problem("fit criteria add up to at most \(format(fitMax)) points; \(how): make the weights (× the best table value) add up to 100", at: fitNode)
        }
        let s = icp.score
        var scoreMax = s.fit
        for letter in ["budget", "authority", "need", "timeline"] {
            let proxy = s.proxies.filter { $0.letter == letter }.reduce(0) { $0 + $1.weight }
            scoreMax += max(s.points(for: letter), proxy)
        }
        if abs(scoreMax - 100) > 1e-9 {
            let how = scoreMax < 100 ? "100 is unreachable" : "the score would pass 100"
            src.problem("score points add up to at most \(format(scoreMax)) (fit + budget + authority + need + timeline, a proxy counting instead of its letter); \(how): make them add up to 100", at: scoreNode)
        }
    }

    /// A number as a rule author wrote it: `60`, `2.5`; huge values (beyond exact integers) as `1e+30`.
    static func format(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 9_007_199_254_740_992 ? String(Int(d)) : String(d)
    }

    /// `d` as a whole number in `0...limit`, or `nil` (a fraction, negative, or too large for the setting).
    static func wholeNumber(_ d: Double, upTo limit: Int) -> Int? {
        d >= 0 && d <= Double(limit) && d == d.rounded() ? Int(d) : nil
    }

    /// Mapping pairs with duplicate keys reported.
    static func uniquePairs(_ src: inout YAMLSource, _ node: Node, what: String) -> [(key: String, keyNode: Node, value: Node)] {
        let pairs = src.pairs(node, what: what)
        var seen = Set<String>()
        var out: [(key: String, keyNode: Node, value: Node)] = []
        for p in pairs {
            if !seen.insert(p.key).inserted {
                src.problem("duplicate key '\(p.key)' in \(what)", at: p.keyNode)
                continue
            }
            out.append(p)
        }
        return out
    }

    enum CriterionKind { case fit, disqualifier, proxy }

    static func criteria(_ src: inout YAMLSource, _ node: Node, what: String, kind: CriterionKind) -> [Criterion] {
        var out: [Criterion] = []
        var ids = Set<String>()
        for item in src.items(node, what: what) {
            guard let c = criterion(&src, item, what: what, kind: kind) else { continue }
            if !ids.insert(c.id).inserted {
                src.problem("duplicate id '\(c.id)' in \(what)", at: item)
                continue
            }
            out.append(c)
        }
        return out
    }

    static func criterion(_ src: inout YAMLSource, _ node: Node, what: String, kind: CriterionKind) -> Criterion? {
        var id: String? = nil
        var fieldPath: String? = nil
        var fieldNode: Node? = nil
        var weight: Double? = nil
        var letter: String? = nil
        var matcherEntries: [(String, Node, Node)] = []
        var defaultNode: Node? = nil
        let pairs = uniquePairs(&src, node, what: "a \(what) entry")
        if pairs.isEmpty, node.mapping == nil { return nil }
        for (key, keyNode, value) in pairs {
            switch key {
            case "id":
                guard let s = value.scalarText, !s.isEmpty,
                      s.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
                    src.problem("id must be lower case letters, digits and _ (it names the rule in reasons)", at: value)
                    return nil
                }
                id = s
            case "field":
                fieldPath = value.scalarText
                fieldNode = value
            case "weight" where kind == .fit, "points" where kind == .proxy:
                if let w = src.number(value, what: key) {
                    if w < 0 { src.problem("\(key) must not be negative", at: value) } else { weight = w }
                }
            case "letter" where kind == .proxy:
                guard let l = value.scalarText, ["budget", "authority", "need", "timeline"].contains(l) else {
                    src.problem("letter must be budget, authority, need or timeline", at: value)
                    return nil
                }
                letter = l
            case "default":
                defaultNode = value
            case "description", "note": break
            default:
                if matcherKeys.contains(key) {
                    matcherEntries.append((key, keyNode, value))
                } else {
                    let allowed = (kind == .fit ? ["id", "field", "weight"] : kind == .proxy ? ["id", "letter", "field", "points"] : ["id", "field"]) + matcherKeys
                    src.problem("unknown key '\(key)' in a \(what) entry (\(allowed.joined(separator: ", ")))", at: keyNode)
                }
            }
        }
        guard let id else {
            src.problem("a \(what) entry needs an id", at: node)
            return nil
        }
        guard let fieldPath, let fieldNode else {
            src.problem("\(what) '\(id)' needs a field (a dotted lead path such as company.size_bucket)", at: node)
            return nil
        }
        guard let field = FieldCatalog.field(fieldPath) else {
            let hint = FieldCatalog.suggestion(for: fieldPath).map { " (did you mean \($0)?)" } ?? ""
            src.problem("unknown field '\(fieldPath)'\(hint)", at: fieldNode)
            return nil
        }
        if kind == .fit && weight == nil {
            src.problem("fit criterion '\(id)' needs a weight", at: node)
            return nil
        }
        if kind == .proxy && (weight == nil || letter == nil) {
            src.problem("proxy '\(id)' needs a letter and points", at: node)
            return nil
        }
        guard matcherEntries.count == 1, let (mkey, mkeyNode, mvalue) = matcherEntries.first else {
            src.problem("\(what) '\(id)' needs exactly one test: \(matcherKeys.joined(separator: ", "))", at: matcherEntries.dropFirst().first?.1 ?? node)
            return nil
        }
        if let defaultNode, mkey != "table" {
            src.problem("default only applies to a table", at: defaultNode)
        }
        guard let matcher = matcher(&src, key: mkey, keyNode: mkeyNode, value: mvalue, defaultNode: defaultNode, path: fieldPath, field: field) else {
            return nil
        }
        return Criterion(id: id, field: fieldPath, path: fieldPath.split(separator: "."), matcher: matcher, weight: weight ?? 0, letter: letter)
    }

    static func matcher(_ src: inout YAMLSource, key: String, keyNode: Node, value: Node, defaultNode: Node?,
                        path: String, field: FieldCatalog.Field) -> Matcher? {
        func checked(_ text: String, _ node: Node) -> String? {
            if field.kind == .bool, text != "true", text != "false" {
                src.problem("\(path) is true or false, not '\(text)'", at: node)
                return nil
            }
            if field.kind == .number, Double(text) == nil {
                src.problem("\(path) is a number, not '\(text)'", at: node)
                return nil
            }
            if let message = FieldCatalog.problem(with: text, for: path, field: field) {
                src.problem(message, at: node)
                return nil
            }
            return text.lowercased()
        }
        switch key {
        case "equals":
            guard let t = value.scalarText else { src.problem("equals takes one value", at: value); return nil }
            return checked(t, value).map { Matcher(test: .equals($0)) }
        case "in":
            let values = src.strings(value, what: "in")
            var list: [String] = []
            for (t, n) in values { if let c = checked(t, n) { list.append(c) } }
            if values.isEmpty { src.problem("in needs a list of values", at: value) }
            return list.count == values.count && !list.isEmpty ? Matcher(test: .oneOf(list)) : nil
        case "range":
            guard field.kind == .number else {
                src.problem("range needs a numeric field; \(path) is not one", at: keyNode)
                return nil
            }
            var lo: Double? = nil
            var hi: Double? = nil
            for (k, kn, v) in uniquePairs(&src, value, what: "range") {
                switch k {
                case "min": lo = src.number(v, what: "range.min")
                case "max": hi = src.number(v, what: "range.max")
                default: src.problem("range takes min and max", at: kn)
                }
            }
            if lo == nil && hi == nil { src.problem("range needs min, max or both", at: value); return nil }
            if let lo, let hi, lo > hi { src.problem("range min is above max", at: value); return nil }
            return Matcher(test: .range(min: lo, max: hi))
        case "at_least", "at_most":
            guard let order = field.ordered else {
                src.problem("\(key) needs an ordered field (company.size_bucket, person.seniority); \(path) is not one", at: keyNode)
                return nil
            }
            guard let t = value.scalarText, let c = checked(t, value), let rank = order.firstIndex(of: c) else {
                if value.scalarText == nil { src.problem("\(key) takes one value", at: value) }
                return nil
            }
            return Matcher(test: key == "at_least" ? .atLeast(rank: rank, order: order) : .atMost(rank: rank, order: order))
        case "regex":
            guard let pattern = value.scalarText else { src.problem("regex takes a pattern", at: value); return nil }
            do {
                let re = try NSRegularExpression(pattern: pattern)
                return Matcher(test: .regex(CompiledRegex(re, pattern: pattern)))
            } catch {
                src.problem("bad regex '\(pattern)': \((error as NSError).localizedDescription)", at: value)
                return nil
            }
        case "exists":
            guard let t = value.scalarText, t == "true" || t == "false" else {
                src.problem("exists is true or false", at: value)
                return nil
            }
            return Matcher(test: .exists(t == "true"))
        case "table":
            var table: [String: Double] = [:]
            var ok = true
            for (k, kn, v) in uniquePairs(&src, value, what: "table") {
                guard let c = checked(k, kn) else { ok = false; continue }
                guard let pct = src.number(v, what: "table value") else { ok = false; continue }
                guard (0...100).contains(pct) else {
                    src.problem("table values are 0–100 (percent of the weight), not \(format(pct))", at: v)
                    ok = false
                    continue
                }
                table[c] = pct
            }
            var fallback: Double? = nil
            if let defaultNode, let d = src.number(defaultNode, what: "default") {
                if (0...100).contains(d) { fallback = d } else { src.problem("default is 0–100", at: defaultNode); ok = false }
            }
            if table.isEmpty && ok { src.problem("table needs value: points entries", at: value); return nil }
            return ok ? Matcher(test: .table(table, default: fallback)) : nil
        default:
            return nil
        }
    }

    static func bant(_ src: inout YAMLSource, _ node: Node, into icp: inout ICPRules) {
        for (key, keyNode, value) in uniquePairs(&src, node, what: "bant") {
            switch key {
            case "budget":
                for (k, kn, v) in uniquePairs(&src, value, what: "bant.budget") {
                    switch k {
                    case "minimum":
                        if let d = src.number(v, what: "bant.budget.minimum") { icp.budget.minimum = d }
                    case "currency":
                        if let c = v.scalarText, FieldCatalog.problem(with: c, for: "bant.budget.currency", field: .init(kind: .text, shape: .currencyCode)) == nil {
                            icp.budget.currency = c
                        } else {
                            src.problem("bant.budget.currency must be an ISO 4217 code such as EUR", at: v)
                        }
                    case "rates":
                        for (code, cn, rv) in uniquePairs(&src, v, what: "bant.budget.rates") {
                            guard FieldCatalog.problem(with: code, for: "rates", field: .init(kind: .text, shape: .currencyCode)) == nil else {
                                src.problem("'\(code)' is not an ISO 4217 currency code", at: cn)
                                continue
                            }
                            if let r = src.number(rv, what: "rate"), r > 0 { icp.budget.rates[code] = r } else { src.problem("a rate must be above 0", at: rv) }
                        }
                    default: src.problem("unknown key '\(k)' in bant.budget (minimum, currency, rates)", at: kn)
                    }
                }
            case "timeline":
                for (k, kn, v) in uniquePairs(&src, value, what: "bant.timeline") {
                    if k == "horizon_days", let d = src.number(v, what: "horizon_days") {
                        if let days = wholeNumber(d, upTo: 36_500) { icp.timeline.horizonDays = days } else { src.problem("horizon_days is a whole number of days (0 to 36500)", at: v) }
                    } else if k != "horizon_days" {
                        src.problem("unknown key '\(k)' in bant.timeline (horizon_days)", at: kn)
                    }
                }
            case "need":
                for (k, kn, v) in uniquePairs(&src, value, what: "bant.need") {
                    switch k {
                    case "functions":
                        for (f, fn) in src.strings(v, what: "bant.need.functions") {
                            if JobFunction(rawValue: f) != nil { icp.need.functions.append(f) } else {
                                src.problem("'\(f)' is not a function value (\(JobFunction.allCases.map(\.rawValue).joined(separator: ", ")))", at: fn)
                            }
                        }
                    case "min_team_size":
                        if let d = src.number(v, what: "min_team_size") {
                            if let n = wholeNumber(d, upTo: 10_000_000) { icp.need.minTeamSize = n } else { src.problem("min_team_size is a whole number of people", at: v) }
                        }
                    default: src.problem("unknown key '\(k)' in bant.need (functions, min_team_size)", at: kn)
                    }
                }
            default:
                src.problem("unknown key '\(key)' in bant (budget, timeline, need)", at: keyNode)
            }
        }
    }

    static func score(_ src: inout YAMLSource, _ node: Node, into icp: inout ICPRules) {
        for (key, keyNode, value) in uniquePairs(&src, node, what: "score") {
            switch key {
            case "fit", "budget", "authority", "need", "timeline":
                guard let d = src.number(value, what: "score.\(key)") else { continue }
                guard d >= 0 else { src.problem("score.\(key) must not be negative", at: value); continue }
                switch key {
                case "fit": icp.score.fit = d
                case "budget": icp.score.budget = d
                case "authority": icp.score.authority = d
                case "need": icp.score.need = d
                default: icp.score.timeline = d
                }
            case "proxies":
                icp.score.proxies = criteria(&src, value, what: "proxies", kind: .proxy)
            default:
                src.problem("unknown key '\(key)' in score (fit, budget, authority, need, timeline, proxies)", at: keyNode)
            }
        }
    }

    static func grades(_ src: inout YAMLSource, _ node: Node, into icp: inout ICPRules) {
        var grades: [(String, Double)] = []
        for (key, keyNode, value) in uniquePairs(&src, node, what: "grades") {
            guard ["A", "B", "C"].contains(key) else {
                src.problem("grades are A, B and C (minimum scores); everything below is D", at: keyNode)
                continue
            }
            if let d = src.number(value, what: "grades.\(key)") { grades.append((key, d)) }
        }
        grades.sort { $0.0 < $1.0 }
        for i in grades.indices.dropFirst() where grades[i].1 > grades[i - 1].1 {
            src.problem("grade \(grades[i].0) needs a lower minimum than \(grades[i - 1].0)", at: node)
        }
        if !grades.isEmpty { icp.grades = grades.map { (grade: $0.0, minimum: $0.1) } }
    }

    static func status(_ src: inout YAMLSource, _ node: Node, into icp: inout ICPRules) {
        for (key, keyNode, value) in uniquePairs(&src, node, what: "status") {
            switch key {
            case "on":
                guard let t = value.scalarText, t == "fit" || t == "score" else {
                    src.problem("status.on is fit or score", at: value)
                    continue
                }
                icp.statusOn = t
            case "qualified":
                if let d = src.number(value, what: "status.qualified") { icp.qualifiedAt = d }
            case "nurture":
                if let d = src.number(value, what: "status.nurture") { icp.nurtureAt = d }
            default:
                src.problem("unknown key '\(key)' in status (on, qualified, nurture)", at: keyNode)
            }
        }
        if let n = icp.nurtureAt, n > icp.qualifiedAt {
            src.problem("status.nurture must not be above status.qualified", at: node)
        }
    }
}
