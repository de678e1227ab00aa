import Foundation
public import LeadCore

/// An Ideal Customer Profile and the BANT/score policy, read from a rule file such as `rules/icp.yaml`.
///
/// The language (documented in `rules/icp.yaml`): weighted `fit` criteria on any lead field, hard
/// `disqualify` rules, `bant` thresholds, `score` points with optional proxies, `grades` and `status`
/// thresholds. Missing data scores 0 and is reported as a `missing` reason; it is never guessed.
public struct ICPRules: Sendable {
    /// Budget policy: met when the stated amount, made yearly and converted, reaches `minimum`.
    struct BudgetPolicy: Sendable {
        var minimum: Double = 0
        var currency: String? = nil
        /// Value of one unit of a currency in `currency`.
        var rates: [String: Double] = [:]
    }

    /// Timeline policy: met when ASAP or the deadline is at most `horizonDays` after the record's date.
    struct TimelinePolicy: Sendable {
        var horizonDays: Int = 180
    }

    /// Need policy: met when stated, for one of `functions` (any when empty) and at least `minTeamSize` people.
    struct NeedPolicy: Sendable {
        var functions: [String] = []
        var minTeamSize: Int = 1
    }

    /// Points of the score (they add up to 100).
    struct ScorePolicy: Sendable {
        var fit: Double = 100
        var budget: Double = 0
        var authority: Double = 0
        var need: Double = 0
        var timeline: Double = 0
        var proxies: [Criterion] = []

        func points(for letter: String) -> Double {
            switch letter {
            case "budget": return budget
            case "authority": return authority
            case "need": return need
            default: return timeline
            }
        }
    }

    var fit: [Criterion] = []
    var disqualify: [Criterion] = []
    var budget = BudgetPolicy()
    var timeline = TimelinePolicy()
    var need = NeedPolicy()
    var score = ScorePolicy()
    /// Grade thresholds on the score, best first (`A` ≥ 80 …); below the last → `D`.
    var grades: [(grade: String, minimum: Double)] = [("A", 80), ("B", 60), ("C", 40)]
    /// Which number the status thresholds look at: `fit` or `score`.
    var statusOn = "score"
    var qualifiedAt: Double = 60
    /// Below this (when set) a lead that is not otherwise disqualified is `disqualified` as `low_score`.
    var nurtureAt: Double? = nil
    /// The file the rules came from.
    var source = ""

    /// Reads and validates `file` of `rules`.
    /// - Throws: `bad_rules` with file, line and column for the first problem (``RulesCheck`` lists all).
    public static func load(_ rules: RuleFiles, file: String = "icp.yaml") throws(LeadsmithError) -> ICPRules {
        var src = YAMLSource(rules: rules, relativePath: file)
        let icp = ICPParser.parse(&src)
        if let first = src.problems.first { throw first }
        return icp
    }

    /// Parses YAML text (for tests and tools); problems are thrown like ``load(_:file:)``.
    static func parse(yaml: String, path: String = "icp.yaml") throws(LeadsmithError) -> ICPRules {
        var src = YAMLSource(path: path, text: yaml)
        let icp = ICPParser.parse(&src)
        if let first = src.problems.first { throw first }
        return icp
    }
}
