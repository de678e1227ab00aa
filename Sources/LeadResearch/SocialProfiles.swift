import Foundation
public import LeadCore

/// Canonical social profile URLs (corpus README "Social URLs").
public struct SocialCanonicalizer: Sendable {
    /// Handles that are never a company's own profile (networks' own pages, site builders).
    let ignored: Set<String>

    /// Host fragments of every network below: a link without one is not a profile.
    static let networkHosts = MultiMatcher(["linkedin.", "twitter.", "x.com", "facebook.", "fb.com", "instagram.", "youtube.",
                                            "github.", "xing.", "tiktok."], ignoringASCIICase: true)

    public init(ignoredHandles: [String]) {
        ignored = Set(ignoredHandles.map { $0.lowercased() })
    }

    /// The network and canonical URL of a company profile link, or `nil` for share links, personal
    /// profiles, posts, the platform's own pages and anything else.
    public func canonical(_ raw: String) -> (SocialNetwork, String)? {
        guard Self.networkHosts.matchesAny(raw) else { return nil }
        var s = raw.trimmedSpace()
        guard !s.isEmpty else { return nil }
        if s.hasPrefix("//") { s = "https:" + s }
        if !s.lowercased().hasPrefix("http") { s = "https://" + s }
        if s.utf8.contains(0x20) { s = s.split(separator: " ", omittingEmptySubsequences: false).joined(separator: "%20") }
        guard let comps = URLComponents(string: s),
              var host = comps.host?.lowercased() else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        let segments = comps.path.split(separator: "/").map { String($0) }.filter { !$0.isEmpty }
        guard let first = segments.first else { return nil }
        let firstLower = first.lowercased()

        func handleOK(_ h: String) -> Bool {
            let l = h.lowercased()
            return !l.isEmpty && !ignored.contains(l) && !l.containsBytes(".php")
        }
        func base(_ h: String) -> String { h }

        if host == "linkedin.com" || host.hasSuffix(".linkedin.com") {
            guard ["company", "school", "showcase"].contains(firstLower), segments.count >= 2, handleOK(segments[1]) else { return nil }
            return (.linkedin, "https://www.linkedin.com/\(firstLower)/\(segments[1])")
        }
        if host == "twitter.com" || host == "x.com" || host == "mobile.twitter.com" || host == "m.twitter.com" {
            var h = first
            if h.hasPrefix("@") { h.removeFirst() }
            guard handleOK(h), segments.count == 1 || !["status", "statuses"].contains(segments.dropFirst().first ?? "") else { return nil }
            return (.x, "https://x.com/\(h)")
        }
        if host == "facebook.com" || host == "fb.com" || host.hasSuffix(".facebook.com") {
            if firstLower == "pages", segments.count >= 2 {
                return handleOK(segments[1]) ? (.facebook, "https://www.facebook.com/pages/\(segments[1])" + (segments.count >= 3 ? "/\(segments[2])" : "")) : nil
            }
            // facebook.com/pg/NAME/about is the page NAME.
            if firstLower == "pg", segments.count >= 2 {
                return handleOK(segments[1]) && !segments[1].allSatisfy(\.isNumber) ? (.facebook, "https://www.facebook.com/\(segments[1])") : nil
            }
            guard handleOK(first), !first.allSatisfy(\.isNumber) || segments.count == 1 else { return nil }
            if first.allSatisfy(\.isNumber) { return nil }
            return (.facebook, "https://www.facebook.com/\(first)")
        }
        if host == "instagram.com" || host.hasSuffix(".instagram.com") {
            guard handleOK(first) else { return nil }
            return (.instagram, "https://www.instagram.com/\(first)")
        }
        if host == "youtube.com" || host == "m.youtube.com" {
            if first.hasPrefix("@") { return first.count > 1 ? (.youtube, "https://www.youtube.com/\(first)") : nil }
            if ["channel", "c", "user"].contains(firstLower), segments.count >= 2 {
                return (.youtube, "https://www.youtube.com/\(firstLower)/\(segments[1])")
            }
            return nil
        }
        if host == "github.com" {
            guard handleOK(first), !["orgs", "sponsors", "topics", "marketplace", "settings"].contains(firstLower) else { return nil }
            if firstLower == "orgs", segments.count >= 2 { return (.github, "https://github.com/\(segments[1])") }
            return (.github, "https://github.com/\(first)")
        }
        if host == "xing.com" || host.hasSuffix(".xing.com") {
            guard ["pages", "companies", "company"].contains(firstLower), segments.count >= 2, handleOK(segments[1]) else { return nil }
            return (.xing, "https://www.xing.com/pages/\(segments[1])")
        }
        if host == "tiktok.com" || host.hasSuffix(".tiktok.com") {
            guard first.hasPrefix("@"), first.count > 1, handleOK(String(first.dropFirst())) else { return nil }
            return (.tiktok, "https://www.tiktok.com/\(first)")
        }
        return nil
    }
}
