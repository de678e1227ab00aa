public import LeadCore

/// Qualifies leads with an ``ICPRules``: ICP fit, BANT `met` flags, the score with its reasons, grade and status.
///
/// **Score formula.** `score = round_half_up(fit_exact × score.fit / 100 + Σ BANT points)`, where
/// `fit_exact = Σ weight × share` over the fit criteria (share = table value / 100, or 1 when a test
/// matches, 0 otherwise or when the field is missing), and each BANT letter adds its `score.<letter>`
/// points when the person's statement meets the rule (budget ≥ minimum per year, decision maker, a team
/// of the wanted function and size, a deadline within the horizon or ASAP). When a letter is not stated,
/// its proxies (e.g. seniority for authority) may add their points instead, as reasons marked `proxy`.
/// `fit = round_half_up(fit_exact)`. Each reason's `points` is its exact contribution rounded so that
/// the reasons add up to the score exactly (largest remainder). Disqualifiers add reasons with 0 points.
public struct Qualifier: Sendable {
    let icp: ICPRules
    /// The criteria compiled once: rule names built, paths split by where they look.
    private let fit: [CompiledCriterion]
    private let disqualify: [CompiledCriterion]
    private let proxies: [CompiledCriterion]
    /// Whether any criterion looks under `bant.` (else the look-up object is never built).
    private let readsBANT: Bool

    public init(icp: ICPRules) {
        self.icp = icp
        fit = icp.fit.map { CompiledCriterion($0, rule: "icp.\($0.id)") }
        disqualify = icp.disqualify.map { CompiledCriterion($0, rule: "dq.\($0.id)") }
        proxies = icp.score.proxies.map { CompiledCriterion($0, rule: "proxy.\($0.id)") }
        readsBANT = (fit + disqualify + proxies).contains { $0.inBANT }
    }

    /// Qualifies one lead.
    ///
    /// - Parameters:
    ///   - lead: the lead JSON object without qualification fields, as the pipeline builds it
    ///     (`record_status`, `person`, `company`, `sources` …). Criteria address it by dotted path.
    ///   - bant: what the person said (``BANTExtractor``); criteria address it as `bant.budget.min` etc.
    /// - Returns: status, grade, score, fit, the output `bant` object and the reasons.
    public func qualify(lead: JSONValue, bant: BANT) -> Qualification {
        let bantLookup: JSONValue = readsBANT ? Self.lookupObject(bant) : .null
        func lookup(_ c: CompiledCriterion) -> JSONValue? {
            if c.inBANT { return bantLookup.value(at: c.path) }
            return lead.value(at: c.path)
        }

        var reasons: [(fields: [(String, JSONValue)], exact: Double)] = []
        func reason(_ rule: String, _ exact: Double, field: String, evidence: String?, proxy: Bool = false, missing: Bool = false) {
            var f: [(String, JSONValue)] = [("rule", .string(rule)), ("points", .int(0)), ("field", .string(field)), ("evidence", .string(evidence))]
            if proxy { f.append(("proxy", .bool(true))) }
            if missing { f.append(("missing", .bool(true))) }
            reasons.append((f, exact))
        }

        // ICP fit.
        var fitExact = 0.0
        for c in fit {
            let value = lookup(c)
            if value == nil || value!.isEmptyValue {
                let share = c.criterion.matcher.matchesMissing ? 1.0 : 0.0
                fitExact += c.criterion.weight * share
                reason(c.rule, c.criterion.weight * share * icp.score.fit / 100, field: c.criterion.field, evidence: nil, missing: share == 0)
                continue
            }
            let share = c.criterion.matcher.share(of: value!) ?? 0
            fitExact += c.criterion.weight * share
            reason(c.rule, c.criterion.weight * share * icp.score.fit / 100, field: c.criterion.field, evidence: value!.evidenceText)
        }
        let fit = min(100, max(0, ScoreMath.roundHalfUp(fitExact)))

        // BANT letters (and proxies for unstated ones).
        let met = metFlags(bant)
        let evidence: [String?] = [bant.budget?.evidence, bant.authority.evidence, bant.need?.evidence, bant.timeline?.evidence]
        for (l, letter) in MetFlags.letters.enumerated() {
            let rule = MetFlags.rules[l]
            if let quote = evidence[l] {
                let points = met[l] == true ? icp.score.points(for: letter) : 0
                reason(rule, points, field: rule, evidence: quote)
                continue
            }
            reason(rule, 0, field: rule, evidence: nil, missing: true)
            for p in proxies where p.criterion.letter == letter {
                guard let value = lookup(p), !value.isEmptyValue, let share = p.criterion.matcher.share(of: value) else { continue }
                reason(p.rule, p.criterion.weight * share, field: p.criterion.field, evidence: value.evidenceText, proxy: true)
            }
        }

        // Hard disqualifiers.
        var disqualifiedBy: [String] = []
        for d in disqualify {
            let value = lookup(d)
            let fired: Bool
            if value == nil || value!.isEmptyValue { fired = d.criterion.matcher.matchesMissing } else { fired = d.criterion.matcher.share(of: value!) != nil }
            guard fired else { continue }
            disqualifiedBy.append(d.criterion.id)
            reason(d.rule, 0, field: d.criterion.field, evidence: value?.evidenceText)
        }

        let total = reasons.reduce(0) { $0 + $1.exact }
        let score = min(100, max(0, ScoreMath.roundHalfUp(total)))
        let points = ScoreMath.apportion(reasons.map(\.exact), total: score)

        var status: String
        let measure = Double(icp.statusOn == "fit" ? fit : score)
        if !disqualifiedBy.isEmpty {
            status = "disqualified"
        } else if measure >= icp.qualifiedAt {
            status = "qualified"
        } else if let n = icp.nurtureAt, measure < n {
            status = "disqualified"
            disqualifiedBy.append("low_score")
            reasons.append(([("rule", .string("status.low_score")), ("points", .int(0)), ("field", .string(icp.statusOn)),
                             ("evidence", .string("\(Int(measure)) < \(ICPParser.format(n))"))], 0))
        } else {
            status = "nurture"
        }
        let grade = status == "disqualified" ? "D" : (icp.grades.first { Double(score) >= $0.minimum }?.grade ?? "D")

        // points set in place (each field list is uniquely held here, so nothing is copied)
        for i in reasons.indices { reasons[i].fields[1].1 = .int(i < points.count ? points[i] : 0) }
        let reasonJSON: [JSONValue] = reasons.map { .object($0.fields) }
        return Qualification(status: status, grade: grade, score: score, fit: fit, bant: Self.outputJSON(bant, met: met),
                             reasons: reasonJSON, disqualifiedBy: disqualifiedBy)
    }

    /// `met` per letter: `true`/`false` for stated letters, `nil` when unstated (or not comparable).
    func metFlags(_ bant: BANT) -> MetFlags {
        var met = MetFlags()
        if let b = bant.budget, var amount = b.max ?? b.min {
            if b.period == "month" { amount *= 12 }
            if let from = b.currency, let to = icp.budget.currency, from != to, let rate = icp.budget.rates[from] {
                amount *= rate
            }
            met.budget = amount >= icp.budget.minimum
        }
        switch bant.authority.level {
        case .decisionMaker: met.authority = true
        case .influencer: met.authority = false
        case .unknown: break
        }
        if let n = bant.need {
            let functionOK = icp.need.functions.isEmpty || n.teamFunction.map(icp.need.functions.contains) == true
            let sizeOK = (n.teamSize ?? icp.need.minTeamSize) >= icp.need.minTeamSize
            met.need = functionOK && sizeOK
        }
        if let t = bant.timeline {
            if t.asap {
                met.timeline = true
            } else if let d = t.deadline.flatMap(CivilDate.init(timestamp:)), let ref = bant.referenceDate.flatMap(CivilDate.init(timestamp:)) {
                met.timeline = d.dayNumber - ref.dayNumber <= icp.timeline.horizonDays
            } else if t.exploring {
                met.timeline = false
            }
        }
        return met
    }

    /// What criteria see under `bant.`: the stated values without evidence.
    static func lookupObject(_ b: BANT) -> JSONValue {
        .object([
            ("budget", b.budget.map { .object([("min", $0.min.map(JSONValue.double) ?? .null), ("max", $0.max.map(JSONValue.double) ?? .null),
                                               ("currency", .string($0.currency)), ("period", .string($0.period))]) } ?? .null),
            ("authority", .object([("level", .string(b.authority.level.rawValue))])),
            ("need", b.need.map { .object([("team_size", .int($0.teamSize)), ("team_function", .string($0.teamFunction))]) } ?? .null),
            ("timeline", b.timeline.map { .object([("deadline", .string($0.deadline)), ("asap", .bool($0.asap)), ("exploring", .bool($0.exploring))]) } ?? .null),
            ("support_conversation", .bool(b.supportConversation)),
        ])
    }

    /// The output `bant` object (PRODUCT.md): every letter with `met`, values and evidence; nulls when unstated.
    static func outputJSON(_ b: BANT, met: MetFlags) -> JSONValue {
        func number(_ d: Double?) -> JSONValue { d.map(JSONValue.double) ?? .null }
        let budget: JSONValue = .object([
            ("met", .bool(met.budget)), ("min", number(b.budget?.min)), ("max", number(b.budget?.max)),
            ("currency", .string(b.budget?.currency)), ("period", .string(b.budget?.period)), ("evidence", .string(b.budget?.evidence)),
        ])
        let authority: JSONValue = .object([
            ("met", .bool(met.authority)), ("level", .string(b.authority.level.rawValue)), ("evidence", .string(b.authority.evidence)),
        ])
        let need: JSONValue = .object([
            ("met", .bool(met.need)), ("team_size", .int(b.need?.teamSize)), ("team_function", .string(b.need?.teamFunction)),
            ("evidence", .string(b.need?.evidence)),
        ])
        let timeline: JSONValue = .object([
            ("met", .bool(met.timeline)), ("deadline", .string(b.timeline?.deadline)), ("asap", .bool(b.timeline?.asap)),
            ("exploring", .bool(b.timeline?.exploring)), ("evidence", .string(b.timeline?.evidence)),
        ])
        return .object([("budget", budget), ("authority", authority), ("need", need), ("timeline", timeline)])
    }
}

/// Whether each BANT letter meets the ICP rule: `nil` when unstated (or not comparable).
struct MetFlags: Sendable, Equatable {
    /// The letters in reason order, as criteria name them (`Criterion.letter`, `score.<letter>`).
    static let letters = ["budget", "authority", "need", "timeline"]
    /// `bant.<letter>`: each letter's reason rule and field.
    static let rules = letters.map { "bant.\($0)" }

    var budget: Bool?
    var authority: Bool?
    var need: Bool?
    var timeline: Bool?

    /// The flag of letter `l` (an index of ``letters``).
    subscript(l: Int) -> Bool? {
        switch l {
        case 0: return budget
        case 1: return authority
        case 2: return need
        default: return timeline
        }
    }
}

/// A criterion compiled once per ``Qualifier``: its reason's rule name, and its path split into where it looks.
struct CompiledCriterion: Sendable {
    let criterion: Criterion
    /// `icp.<id>`, `dq.<id>` or `proxy.<id>`.
    let rule: String
    /// The path starts with `bant`: it is looked up in the BANT object, without that step.
    let inBANT: Bool
    let path: [String]

    init(_ criterion: Criterion, rule: String) {
        self.criterion = criterion
        self.rule = rule
        inBANT = criterion.path.first == "bant"
        path = (inBANT ? criterion.path.dropFirst() : criterion.path[...]).map(String.init)
    }
}
