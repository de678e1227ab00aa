import Foundation

/// Finds the pages worth reading (about, contact, team) among a home page's links, in several languages.
public enum LinkDiscovery {
    /// The kind of page a link leads to.
    public enum PageKind: String, Sendable, CaseIterable {
        case about, contact, team
    }

    /// Path slugs per kind (lower-case, compared after dropping `.html`/`.php` and trailing slashes).
    static let slugs: [PageKind: Set<String>] = [
        .about: ["about", "about-us", "aboutus", "over-ons", "overons", "over", "wie-zijn-wij", "ueber-uns", "uber-uns",
                 "über-uns", "ueber", "unternehmen", "wir", "a-propos", "apropos", "qui-sommes-nous", "notre-histoire",
                 "quienes-somos", "sobre-nosotros", "nosotros", "empresa", "chi-siamo", "azienda", "chisiamo",
                 "o-nas", "o-firmie", "company", "our-story", "who-we-are", "impressum", "mentions-legales", "colofon",
                 "history", "geschiedenis", "geschichte", "historia", "storia"],
        .contact: ["contact", "contact-us", "contacts", "kontakt", "contacto", "contatti", "contato", "contactez-nous",
                   "nous-contacter", "neem-contact-op", "kontaktformular", "get-in-touch"],
        .team: ["team", "our-team", "ons-team", "het-team", "unser-team", "equipe", "équipe", "notre-equipe",
                "equipo", "nuestro-equipo", "squadra", "il-team", "zespol", "zespół", "people", "mensen",
                "leadership", "management", "medewerkers", "mitarbeiter"],
    ]

    /// The kind of page a path slug names, if any (`over-ons` → about).
    public static func kind(ofSlug slug: String) -> PageKind? {
        var s = slug.lowercased()
        for ext in [".html", ".htm", ".php", ".aspx"] where s.hasSuffix(ext) { s.removeLast(ext.count) }
        for kind in PageKind.allCases where slugs[kind]?.contains(s) == true { return kind }
        return nil
    }

    /// The first same-site link per page kind, as paths (`/over-ons`), from a page's `href`s.
    ///
    /// - Parameters:
    ///   - hrefs: link targets as written in the page.
    ///   - domain: the site's registrable domain; links to other hosts are ignored.
    public static func discover(hrefs: [String], domain: String) -> [PageKind: String] {
        var found: [PageKind: String] = [:]
        for href in hrefs {
            guard let path = sameSitePath(href, domain: domain) else { continue }
            let segments = path.split(separator: "/")
            guard let last = segments.last, segments.count <= 3 else { continue }
            if let k = kind(ofSlug: String(last)), found[k] == nil { found[k] = path }
        }
        return found
    }

    /// The path of a same-site link, or `nil` for other hosts, `mailto:`, `tel:`, fragments.
    static func sameSitePath(_ href: String, domain: String) -> String? {
        var h = href.trimmedSpace()
        if let cut = h.firstIndex(where: { $0 == "?" || $0 == "#" }) { h = String(h[..<cut]) }
        if h.isEmpty { return nil }
        let lower = h.lowercased()
        var rest: Substring
        if lower.hasPrefix("//") {
            rest = lower.dropFirst(2)
        } else if let r = lower.range(of: "://"), lower.hasPrefix("http") {
            rest = lower[r.upperBound...]
        } else {
            if lower.contains(":") { return nil }
            return h.hasPrefix("/") ? h : "/" + h
        }
        let host = rest.prefix { $0 != "/" }
        guard host == domain || host.hasSuffix("." + domain) else { return nil }
        rest = rest.dropFirst(host.count)
        return rest.isEmpty ? "/" : String(rest)
    }
}
