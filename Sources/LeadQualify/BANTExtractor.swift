public import LeadCore

/// Extracts BANT from what a visitor wrote, with multilingual cue lists from `rules/bant/`.
///
/// Each message is split into sentences, folded (case, accents) and tokenized once; then budget,
/// authority, need and timeline readers look at every sentence in order and the first statement of each
/// letter wins, with that sentence as its evidence. Only the visitor's own words go in: bot and agent
/// messages quote prices and counts that are not the lead's.
public struct BANTExtractor: Sendable {
    let cues: BANTCues

    /// Loads the cue lists (`bant/*.yaml`) of `rules`.
    /// - Throws: `bad_rules` with file, line and column for the first problem in a cue file.
    public init(rules: RuleFiles) throws(LeadsmithError) {
        cues = try BANTCues.load(rules)
    }

    init(cues: BANTCues) {
        self.cues = cues
    }

    /// Extracts BANT from a visitor's texts.
    ///
    /// - Parameters:
    ///   - texts: visitor chat messages in order (light HTML such as `<p>` is removed here), plus any
    ///     free-text form field (e.g. a download form's `message`).
    ///   - referenceDate: the record's own timestamp (ISO-8601 such as a chat's `created_at`, or epoch
    ///     seconds/milliseconds as digits). Relative dates resolve against it, never against the clock;
    ///     without it only fully written dates give a deadline.
    /// - Returns: the stated letters; unstated ones are `nil` (authority `.unknown`).
    public func extract(texts: [String], referenceDate: String?) -> BANT {
        let reference = referenceDate.flatMap(CivilDate.init(timestamp:))
        var bant = BANT.unstated
        bant.referenceDate = reference?.iso
        let budgetReader = BudgetReader(cues: cues)
        let authorityReader = AuthorityReader(cues: cues)
        let needReader = NeedReader(cues: cues)
        let timelineReader = TimelineReader(cues: cues)
        var supportCue = false
        for text in texts {
            for sentence in Sentence.split(text, vocabulary: cues.vocabulary) where !sentence.words.isEmpty {
                let amounts = budgetReader.amounts(in: sentence)
                if bant.budget == nil, let b = budgetReader.read(sentence, amounts: amounts) {
                    bant.budget = b
                }
                if bant.authority.level == .unknown, let level = authorityReader.read(sentence) {
                    bant.authority = BANT.Authority(level: level, evidence: sentence.text)
                }
                if bant.need == nil, let n = needReader.read(sentence, amounts: amounts) {
                    bant.need = n
                }
                if bant.timeline == nil, let t = timelineReader.read(sentence, reference: reference, amounts: amounts) {
                    bant.timeline = t
                }
                if !supportCue, cues.support.occurs(in: sentence.cueWords) {
                    supportCue = true
                }
            }
        }
        bant.supportConversation = supportCue && bant.isEmpty
        return bant
    }
}
