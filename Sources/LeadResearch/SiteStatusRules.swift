import LeadCore

/// Parked and placeholder cues (`rules/site_status.yaml`).
struct SiteStatusRules: Sendable, Decodable {
    var maxWords: Int
    var parked: [String]
    var placeholder: [String]
    enum CodingKeys: String, CodingKey {
        case parked, placeholder
        case maxWords = "max_words"
    }

    /// `.parked`, `.placeholder` or `.ok` for a home page.
    func classify(_ page: PageScan) -> SiteStatus {
        guard page.wordCount <= maxWords else { return .ok }
        let text = ((page.title ?? "") + "\n" + page.visibleText).lowercased()
        if parked.contains(where: { text.contains($0) }) { return .parked }
        if placeholder.contains(where: { text.contains($0) }) { return .placeholder }
        // An empty page with no content at all is a placeholder too.
        if page.wordCount == 0, page.jsonLD.isEmpty { return .placeholder }
        return .ok
    }
}
