import LeadCore

/// Parked and placeholder cues (`rules/site_status.yaml`).
struct SiteStatusRules: Sendable, Decodable {
    var maxWords: Int
    var parked: [String]
    var placeholder: [String]
    /// The cues, each list found in one pass over the page text.
    let parkedMatcher: MultiMatcher
    let placeholderMatcher: MultiMatcher

    enum CodingKeys: String, CodingKey {
        case parked, placeholder
        case maxWords = "max_words"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxWords = try c.decode(Int.self, forKey: .maxWords)
        parked = try c.decode([String].self, forKey: .parked)
        placeholder = try c.decode([String].self, forKey: .placeholder)
        parkedMatcher = MultiMatcher(parked.filter { !$0.isEmpty }, ignoringASCIICase: false)
        placeholderMatcher = MultiMatcher(placeholder.filter { !$0.isEmpty }, ignoringASCIICase: false)
    }

    /// `.parked`, `.placeholder` or `.ok` for a home page.
    func classify(_ page: PageScan) -> SiteStatus {
        guard page.wordCount <= maxWords else { return .ok }
        let text = ((page.title ?? "") + "\n" + page.visibleText).lowercased()
        if parkedMatcher.matchesAny(text) { return .parked }
        if placeholderMatcher.matchesAny(text) { return .placeholder }
        // An empty page with no content at all is a placeholder too.
        if page.wordCount == 0, page.jsonLD.isEmpty { return .placeholder }
        return .ok
    }
}
