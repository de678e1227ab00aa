import Foundation
import LeadCore

struct FingerprintFile: Decodable {
    struct Tech: Decodable {
        var urls: [String]?
        var aHref: [String]?
        var inline: [String]?
        var metaGenerator: [String]?
        var attributes: [String]?
        var headers: [String]?
        var cookies: [String]?
        enum CodingKeys: String, CodingKey {
            case urls, inline, attributes, headers, cookies
            case aHref = "a_href"
            case metaGenerator = "meta_generator"
        }
    }
    var technologies: [String: Tech]
    var implies: [String: [String]]?
    var reportAs: [String: String]?
    enum CodingKeys: String, CodingKey {
        case technologies, implies
        case reportAs = "report_as"
    }
}

/// Technology detection from markup and code (`rules/fingerprints.yaml`).
struct Fingerprints: Sendable {
    struct Pattern: Sendable {
        /// All parts must occur (lower-case substrings).
        var parts: [String]
    }

    /// One signal kind's patterns of every technology, compiled into one ``MultiMatcher`` over
    /// their parts (ASCII case-insensitive, so the page text needs no lower-cased copy).
    struct PatternSet: Sendable {
        let matcher: MultiMatcher
        /// Per technology, per pattern: the part indices that must all occur in one text.
        let patterns: [[[Int]]]

        init(_ perTech: [[Pattern]]) {
            var index: [String: Int] = [:]
            var parts: [String] = []
            patterns = perTech.map { list in
                list.map { p in
                    p.parts.map { part in
                        if let i = index[part] { return i }
                        index[part] = parts.count
                        parts.append(part)
                        return parts.count - 1
                    }
                }
            }
            matcher = MultiMatcher(parts, ignoringASCIICase: true)
        }

        /// Per technology, per pattern: whether all parts occur in one of `texts`. Calls `first`
        /// once per technology with the index of the first text that matches any of its patterns.
        func scan(_ texts: [String], first: ((Int, Int) -> Void)? = nil) -> [[Bool]] {
            var hit = patterns.map { [Bool](repeating: false, count: $0.count) }
            guard matcher.count > 0 else { return hit }
            var done = [Bool](repeating: false, count: patterns.count)
            var seen = [Bool](repeating: false, count: matcher.count)
            var touched: [Int] = []
            for (ti, text) in texts.enumerated() {
                matcher.scan(text) { part in
                    if !seen[part] { seen[part] = true; touched.append(part) }
                }
                guard !touched.isEmpty else { continue }
                for (t, list) in patterns.enumerated() {
                    for (k, p) in list.enumerated() where !hit[t][k] && p.allSatisfy({ seen[$0] }) {
                        hit[t][k] = true
                        if !done[t] { done[t] = true; first?(t, ti) }
                    }
                }
                for part in touched { seen[part] = false }
                touched.removeAll(keepingCapacity: true)
            }
            return hit
        }
    }
    struct Tech: Sendable {
        var id: String
        var urls: [Pattern]
        var aHref: [Pattern]
        var inline: [Pattern]
        var generator: [Pattern]
        var attributes: [String]
        var headers: [String]
        var cookies: [String]
    }
    let techs: [Tech]
    let implies: [String: [String]]
    let reportAs: [String: String]
    let urlPatterns: PatternSet
    let aHrefPatterns: PatternSet
    let generatorPatterns: PatternSet
    let inlinePatterns: PatternSet
    /// Attribute names the technologies look for (`data-cfemail`).
    let attributeNames: Set<String>
    /// The value parts of `name=value` attribute signals (`__next`, `shopify-section`).
    let attributeValueFragments: [String]

    init(_ f: FingerprintFile, file: String) throws(LeadsmithError) {
        func pats(_ l: [String]?) -> [Pattern] {
            (l ?? []).map { Pattern(parts: $0.lowercased().components(separatedBy: " && ").filter { !$0.isEmpty }) }
                .filter { !$0.parts.isEmpty }
        }
        var list: [Tech] = []
        for id in f.technologies.keys.sorted() {
            guard let t = f.technologies[id] else { continue }
            let tech = Tech(id: id, urls: pats(t.urls), aHref: pats(t.aHref), inline: pats(t.inline), generator: pats(t.metaGenerator),
                            attributes: (t.attributes ?? []).map { $0.lowercased() },
                            headers: (t.headers ?? []).map { $0.lowercased() }, cookies: (t.cookies ?? []).map { $0.lowercased() })
            if tech.urls.isEmpty, tech.aHref.isEmpty, tech.inline.isEmpty, tech.generator.isEmpty, tech.attributes.isEmpty,
               tech.headers.isEmpty, tech.cookies.isEmpty {
                throw LeadsmithError(.badRules, "technology '\(id)' has no signal (urls, inline, meta_generator, attributes, headers, cookies)", file: file)
            }
            list.append(tech)
        }
        techs = list
        urlPatterns = PatternSet(list.map(\.urls))
        aHrefPatterns = PatternSet(list.map(\.aHref))
        generatorPatterns = PatternSet(list.map(\.generator))
        inlinePatterns = PatternSet(list.map(\.inline))
        let attributes = list.flatMap(\.attributes)
        attributeNames = Set(attributes.filter { !$0.contains("=") })
        attributeValueFragments = attributes.compactMap { a in a.firstIndex(of: "=").map { String(a[a.index(after: $0)...]) } }
        implies = f.implies ?? [:]
        reportAs = f.reportAs ?? [:]
    }

    /// Technology id → evidence for one page.
    func detect(_ page: PageScan, headers: [(String, String)]) -> [String: String] {
        var found: [String: String] = [:]
        var firstURL = [Int?](repeating: nil, count: techs.count)
        _ = urlPatterns.scan(page.resourceURLs) { t, i in firstURL[t] = i }
        let aHrefs = page.links.map(\.href)
        var firstHref = [Int?](repeating: nil, count: techs.count)
        _ = aHrefPatterns.scan(aHrefs) { t, i in firstHref[t] = i }
        var firstGenerator = [Int?](repeating: nil, count: techs.count)
        _ = generatorPatterns.scan(page.generators) { t, i in firstGenerator[t] = i }
        let inlineHit = inlinePatterns.scan(page.inlineScripts)
        let headerLines = headers.map { ($0.0.lowercased() + ": " + $0.1.lowercased()) }
        let cookieNames = headers.filter { $0.0.lowercased() == "set-cookie" }.map { $0.1.lowercased() }
        for (ti, t) in techs.enumerated() {
            if let i = firstURL[ti] { found[t.id] = page.resourceURLs[i]; continue }
            if let i = firstHref[ti] { found[t.id] = aHrefs[i].lowercased(); continue }
            if let i = firstGenerator[ti] { found[t.id] = "generator: " + page.generators[i]; continue }
            if let k = inlineHit[ti].firstIndex(of: true) { found[t.id] = "script: " + t.inline[k].parts.joined(separator: " … "); continue }
            if let a = t.attributes.first(where: { a in
                if let eq = a.firstIndex(of: "=") {
                    let value = " " + a[a.index(after: eq)...]
                    return page.attributeValues.contains { $0.hasPrefix(a) || $0.containsBytes(value) }
                }
                return page.attributeNames.contains(a)
            }) { found[t.id] = "attribute: " + a; continue }
            if let h = t.headers.first(where: { h in headerLines.contains { h.contains(":") ? $0.hasPrefix(h.components(separatedBy: ":")[0] + ":") && $0.contains(h.components(separatedBy: ": ").last ?? h) : $0.hasPrefix(h + ":") } }) {
                found[t.id] = "header: " + h; continue
            }
            if let c = t.cookies.first(where: { c in cookieNames.contains { $0.hasPrefix(c) } }) { found[t.id] = "cookie: " + c; continue }
        }
        return found
    }

    /// Applies implications and report aliases to a set of detected ids.
    func finalize(_ found: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (id, ev) in found {
            out[reportAs[id] ?? id] = out[reportAs[id] ?? id] ?? ev
        }
        for (id, ev) in found {
            for implied in implies[id] ?? [] where out[reportAs[implied] ?? implied] == nil {
                out[reportAs[implied] ?? implied] = "implied by \(id): " + ev
            }
        }
        return out
    }
}
