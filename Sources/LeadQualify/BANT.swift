/// What a person said about Budget, Authority, Need and Timeline (BANT), with the words that said it.
///
/// Every letter reflects a statement, never a guess: an unstated letter is `nil` (authority: `.unknown`).
/// Whether a stated value passes the ICP's thresholds (`met`) is decided by ``Qualifier``.
public struct BANT: Sendable, Equatable {
    /// A stated budget. "around X" → `min == max == X`; "between A and B" → `A...B`;
    /// "max/up to X" → `min == nil, max == X`; "at least X" → `max == nil`.
    public struct Budget: Sendable, Equatable {
        /// Lower end, `nil` for "up to X".
        public var min: Double?
        /// Upper end, `nil` for "at least X".
        public var max: Double?
        /// ISO 4217 code (`EUR USD GBP CHF PLN` …) from a symbol, code or word; `nil` when not said.
        public var currency: String?
        /// `year`, `month` or `nil` when no period was said.
        public var period: String?
        /// The sentence that states it.
        public var evidence: String

        /// A budget statement.
        public init(min: Double?, max: Double?, currency: String?, period: String?, evidence: String) {
            self.min = min
            self.max = max
            self.currency = currency
            self.period = period
            self.evidence = evidence
        }
    }

    /// Who decides, from the person's own statements only (a job title alone never sets it).
    public enum AuthorityLevel: String, Sendable {
        /// "I sign off", "it's my budget", "ik beslis", "ich entscheide".
        case decisionMaker = "decision_maker"
        /// "I need to run it by our CFO", "my manager decides".
        case influencer
        /// Nothing said.
        case unknown
    }

    /// The authority statement.
    public struct Authority: Sendable, Equatable {
        public var level: AuthorityLevel
        /// The sentence that states it; `nil` for `.unknown`.
        public var evidence: String?

        /// An authority statement.
        public init(level: AuthorityLevel, evidence: String?) {
            self.level = level
            self.evidence = evidence
        }
    }

    /// The team the product is wanted for ("we have about 40 sales reps").
    public struct Need: Sendable, Equatable {
        /// Number of people in the team.
        public var teamSize: Int?
        /// `sales`, `marketing` or `customer_success` (a `function` value).
        public var teamFunction: String?
        /// The sentence that states it.
        public var evidence: String

        /// A need statement.
        public init(teamSize: Int?, teamFunction: String?, evidence: String) {
            self.teamSize = teamSize
            self.teamFunction = teamFunction
            self.evidence = evidence
        }
    }

    /// When the person wants to start, resolved against the record's own timestamp.
    public struct Timeline: Sendable, Equatable {
        /// `yyyy-mm-dd`, or `nil` (ASAP, exploring, or no date said).
        public var deadline: String?
        /// "ASAP", "urgent".
        public var asap: Bool
        /// "just exploring", "no rush".
        public var exploring: Bool
        /// The sentence that states it.
        public var evidence: String

        /// A timeline statement.
        public init(deadline: String?, asap: Bool, exploring: Bool, evidence: String) {
            self.deadline = deadline
            self.asap = asap
            self.exploring = exploring
            self.evidence = evidence
        }
    }

    /// The stated budget, `nil` when none was stated.
    public var budget: Budget?
    /// Who decides (`.unknown` when nothing was said).
    public var authority: Authority
    /// The team the product is wanted for, `nil` when not stated.
    public var need: Need?
    /// When they want to start, `nil` when not stated.
    public var timeline: Timeline?
    /// The conversation was a support question (password, invoice, API …) and states no BANT letter.
    public var supportConversation: Bool
    /// The date relative phrases were resolved against (`yyyy-mm-dd`), from the record's timestamp.
    public var referenceDate: String?

    /// Nothing stated.
    public static let unstated = BANT(budget: nil, authority: Authority(level: .unknown, evidence: nil), need: nil,
                                      timeline: nil, supportConversation: false, referenceDate: nil)

    /// A BANT from its letters.
    public init(budget: Budget?, authority: Authority, need: Need?, timeline: Timeline?,
                supportConversation: Bool, referenceDate: String? = nil) {
        self.budget = budget
        self.authority = authority
        self.need = need
        self.timeline = timeline
        self.supportConversation = supportConversation
        self.referenceDate = referenceDate
    }

    /// Whether no letter is stated.
    public var isEmpty: Bool {
        budget == nil && authority.level == .unknown && need == nil && timeline == nil
    }

    /// One person's BANT from the BANTs of their records, in processing order: per letter, the first
    /// record that states it wins (as for every merged field). The reference date follows the timeline.
    /// A support conversation only when no letter is stated and a record was one.
    public static func merging(_ parts: [BANT]) -> BANT {
        var merged = BANT.unstated
        merged.budget = parts.lazy.compactMap(\.budget).first
        merged.authority = parts.first { $0.authority.level != .unknown }?.authority ?? merged.authority
        merged.need = parts.lazy.compactMap(\.need).first
        if let withTimeline = parts.first(where: { $0.timeline != nil }) {
            merged.timeline = withTimeline.timeline
            merged.referenceDate = withTimeline.referenceDate
        } else {
            merged.referenceDate = parts.lazy.compactMap(\.referenceDate).first
        }
        merged.supportConversation = merged.isEmpty && parts.contains { $0.supportConversation }
        return merged
    }
}
