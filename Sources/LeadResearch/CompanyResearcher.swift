import Foundation
public import LeadCore
import LeadHTML

/// Researches one company domain: resolves redirects, reads the home, about, contact and team pages, and
/// extracts every company fact with provenance.
public struct CompanyResearcher: Sendable {
    let source: any PageSource
    let rules: ResearchRules

    public init(source: any PageSource, rules: ResearchRules) {
        self.source = source
        self.rules = rules
    }

    /// Everything known about `domain` (a registrable domain).
    public func research(domain: String) async -> CompanyProfile {
        let (resolution, home) = await RedirectResolver(source: source).resolve(domain)
        if let loop = resolution.loopWith {
            var p = CompanyProfile(domain: resolution.requested, siteStatus: .redirectLoop)
            p.redirectLoopWith = loop
            return p
        }
        var profile = CompanyProfile(domain: resolution.finalDomain, siteStatus: .ok)
        profile.redirectedFrom = resolution.redirectedFrom
        guard resolution.reachable else {
            profile.siteStatus = .missing
            return profile
        }
        let finalDomain = resolution.finalDomain
        var homeResponse = home
        if homeResponse == nil { homeResponse = await source.fetch(PageRequest(domain: finalDomain, path: "/")) }
        guard let homeResponse else { profile.siteStatus = .error; return profile }
        let homeURL = PageRequest(domain: finalDomain, path: "/").url
        profile.website = homeURL
        guard homeResponse.outcome == .ok else {
            profile.pages.append(PageOutcome(url: homeURL, status: homeResponse.outcome,
                                             detail: homeResponse.detail ?? "HTTP \(homeResponse.status)"))
            profile.siteStatus = homeResponse.outcome == .blocked ? .blocked : (homeResponse.status == 0 ? .missing : .error)
            if homeResponse.outcome == .empty { profile.siteStatus = .placeholder }
            return profile
        }
        guard let homePage = parse(homeResponse, kind: "index", url: homeURL, fallbackLanguage: nil, profile: &profile) else {
            profile.siteStatus = .error
            return profile
        }
        let status = rules.siteStatus.classify(homePage.scan)
        if status != .ok {
            profile.siteStatus = status
            return profile
        }
        var pages = [homePage]
        let discovered = LinkDiscovery.discover(hrefs: homePage.scan.links.map(\.href), domain: finalDomain)
        for kind in [LinkDiscovery.PageKind.about, .contact, .team] {
            let path = discovered[kind] ?? "/" + kind.rawValue
            let url = PageRequest(domain: finalDomain, path: path).url
            let response = await source.fetch(PageRequest(domain: finalDomain, path: path))
            guard response.outcome == .ok else {
                profile.pages.append(PageOutcome(url: url, status: response.outcome, detail: response.detail ?? (response.status == 404 ? "HTTP 404" : nil)))
                continue
            }
            if let page = parse(response, kind: kind.rawValue, url: url, fallbackLanguage: homePage.scan.language, profile: &profile) {
                pages.append(page)
            }
        }
        FactAssembler(rules: rules, domain: finalDomain, pages: pages).fill(&profile)
        return profile
    }

    /// Parses one page and runs every per-page extractor on it (``PageExtractor``).
    private func parse(_ response: PageResponse, kind: String, url: String, fallbackLanguage: String?,
                       profile: inout CompanyProfile) -> ExtractedPage? {
        let contentType = response.header("content-type")
        do {
            let doc = try HTMLFlatDocument.parse(response.body, url: url, contentType: contentType)
            let page = PageExtractor(rules: rules).extract(doc, kind: kind, url: url, headers: response.headers,
                                                           fallbackLanguage: fallbackLanguage)
            profile.pages.append(PageOutcome(url: url, status: .ok))
            return page
        } catch {
            let status: PageOutcome.Status = error.code == .empty ? .empty : (error.code == .binary ? .notHTML : .error)
            profile.pages.append(PageOutcome(url: url, status: status, detail: error.code.rawValue))
            return nil
        }
    }
}
