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
        func matches(_ s: String) -> Bool { parts.allSatisfy { s.contains($0) } }
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
        implies = f.implies ?? [:]
        reportAs = f.reportAs ?? [:]
    }

    /// Technology id → evidence for one page.
    func detect(_ page: PageScan, headers: [(String, String)]) -> [String: String] {
        var found: [String: String] = [:]
        let lowerScripts = page.inlineScripts.map { $0.lowercased() }
        let aHrefs = page.links.map { $0.href.lowercased() }
        let headerLines = headers.map { ($0.0.lowercased() + ": " + $0.1.lowercased()) }
        let cookieNames = headers.filter { $0.0.lowercased() == "set-cookie" }.map { $0.1.lowercased() }
        for t in techs {
            if let u = page.resourceURLs.first(where: { url in t.urls.contains { $0.matches(url) } }) { found[t.id] = u; continue }
            if let a = aHrefs.first(where: { h in t.aHref.contains { $0.matches(h) } }) { found[t.id] = a; continue }
            if let g = page.generators.first(where: { g in t.generator.contains { $0.matches(g) } }) { found[t.id] = "generator: " + g; continue }
            if let p = t.inline.first(where: { p in lowerScripts.contains { p.matches($0) } }) { found[t.id] = "script: " + p.parts.joined(separator: " … "); continue }
            if let a = t.attributes.first(where: { a in
                a.contains("=") ? page.attributeValues.contains { $0.hasPrefix(a) || $0.contains(" " + a.split(separator: "=").last.map(String.init)!) } : page.attributeNames.contains(a)
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
