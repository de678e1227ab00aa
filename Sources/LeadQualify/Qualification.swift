public import LeadCore

/// The outcome of qualifying one lead: status, grade, score, fit, BANT and the reasons behind them.
///
/// `score` always equals the sum of `reasons[].points`.
public struct Qualification: Sendable {
    /// `qualified`, `nurture` or `disqualified`.
    public var status: String
    /// `A`, `B`, `C` or `D` (a disqualified lead is `D`).
    public var grade: String
    /// 0...100, the sum of the reasons' points.
    public var score: Int
    /// ICP fit 0...100: `round_half_up(Σ weight × share)` over the fit criteria.
    public var fit: Int
    /// The output `bant` object: each letter with `met` and its evidence; unstated letters `{"met": null}` with nulls.
    public var bant: JSONValue
    /// `{rule, points, field, evidence}` (+ `"proxy": true`, `"missing": true`) for every rule that counted.
    public var reasons: [JSONValue]
    /// Ids of the disqualifiers that fired (and `low_score` below the nurture threshold).
    public var disqualifiedBy: [String]

    public init(status: String, grade: String, score: Int, fit: Int, bant: JSONValue, reasons: [JSONValue], disqualifiedBy: [String]) {
        self.status = status
        self.grade = grade
        self.score = score
        self.fit = fit
        self.bant = bant
        self.reasons = reasons
        self.disqualifiedBy = disqualifiedBy
    }
}
