import Foundation
import LeadCore
import LeadResearch
import Testing

/// Social profiles and names on the real pages of `../shared/corpus/real-pages` (skipped when the
/// folder is absent; `LEADSMITH_REAL_PAGES` overrides the path). Each page is researched as a home
/// page and compared with what its own schema.org Organization says (`sameAs`, `name`), read here from
/// the page's JSON-LD independently of leadsmith's extractor. Prints the figures; fails only when a
/// page crashes the research.
struct RealPagesSocialCheck {
    static let folder: URL = {
        if let p = ProcessInfo.processInfo.environment["LEADSMITH_REAL_PAGES"] { return URL(fileURLWithPath: p) }
        return RulesFolder.url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/real-pages")
    }()
    static let available = FileManager.default.fileExists(atPath: folder.path)

    /// Organization-like schema.org types (the company, not a person, page, product or article).
    static func isOrganization(_ types: [String]) -> Bool {
        let orgWords = ["organization", "corporation", "business", "store", "company", "ngo", "agency", "service",
                        "restaurant", "school", "university", "hospital", "clinic", "library", "dentist", "physician"]
        return types.contains { t in let l = t.lowercased(); return orgWords.contains { l.contains($0) } }
    }

    static func types(_ d: [String: Any]) -> [String] {
        if let t = d["@type"] as? String { return [t] }
        return (d["@type"] as? [Any])?.compactMap { $0 as? String } ?? []
    }

    /// The page's own Organization nodes: top-level and `@graph` nodes, and the `publisher` of a top-level
    /// page/article node.
    static func organizations(in json: Any) -> [[String: Any]] {
        var out: [[String: Any]] = []
        var top: [[String: Any]] = []
        if let a = json as? [Any] { top = a.compactMap { $0 as? [String: Any] } } else if let d = json as? [String: Any] { top = [d] }
        top = top.flatMap { d -> [[String: Any]] in
            if let g = d["@graph"] as? [Any] { return g.compactMap { $0 as? [String: Any] } }
            return [d]
        }
        for d in top {
            if isOrganization(types(d)) { out.append(d); continue }
            if let p = d["publisher"] as? [String: Any], isOrganization(types(p)) { out.append(p) }
        }
        return out
    }

    static let scriptPattern = try! NSRegularExpression(
        pattern: #"<script[^>]*type\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)</script>"#, options: [.caseInsensitive, .dotMatchesLineSeparators])

    static func jsonLD(_ html: String) -> [Any] {
        let ns = html as NSString
        return scriptPattern.matches(in: html, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            let text = ns.substring(with: m.range(at: 1)).trimmingCharacters(in: .whitespacesAndNewlines)
            return try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        }
    }

    @Test(.enabled(if: available))
    func socialProfilesAgainstTheOrganizationsSameAs() async throws {
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        let social = try YAMLSocial.canonicalizer()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".html") }.sorted()
        var total = 0, found = 0, foreign = 0, otherNetworks = 0, pagesWithOrg = 0, names = 0, nameAgree = 0
        var lines: [String] = []
        for file in files {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(file))
            let html = String(decoding: data, as: UTF8.self)
            let orgs = Self.jsonLD(html).flatMap(Self.organizations)
            let p = await CompanyResearcher(source: OneBodySource(body: [UInt8](data)), rules: rules).research(domain: "real-page.example")
            guard let org = orgs.first else { continue }
            pagesWithOrg += 1
            if let name = (org["name"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty {
                names += 1
                func norm(_ s: String?) -> String { (s ?? "").lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
                if norm(p.name?.value) == norm(name) { nameAgree += 1 } else { lines.append("name \(file): got \(p.name?.value ?? "nil") want \(name)") }
            }
            var same = Set<String>()
            for o in orgs {
                let list = (o["sameAs"] as? [Any])?.compactMap { $0 as? String } ?? [(o["sameAs"] as? String)].compactMap { $0 }
                for s in list { if let (net, url) = social.canonical(s) { same.insert("\(net.rawValue) \(url)") } }
            }
            guard !same.isEmpty else { continue }
            // Handles compare case-insensitively (x.com/MacRumors is x.com/macrumors).
            same = Set(same.map { $0.lowercased() })
            let got = Set(p.social.map { "\($0.key.rawValue) \($0.value.value)".lowercased() })
            let sameNetworks = Set(same.map { $0.split(separator: " ")[0] })
            total += same.count
            found += same.intersection(got).count
            // Foreign: another account on a network the Organization lists (an author, a sister brand).
            let wrong = got.subtracting(same).filter { sameNetworks.contains($0.split(separator: " ")[0]) }
            foreign += wrong.count
            otherNetworks += got.subtracting(same).count - wrong.count
            for m in same.subtracting(got).sorted() { lines.append("missing \(file): \(m)") }
            for e in wrong.sorted() { lines.append("foreign \(file): \(e)") }
            for e in got.subtracting(same).subtracting(wrong).sorted() { lines.append("other \(file): \(e)") }
        }
        print(lines.joined(separator: "\n"))
        print("real pages: \(files.count), with an Organization: \(pagesWithOrg)")
        print("sameAs profiles found: \(found)/\(total); other accounts on a sameAs network: \(foreign); profiles on networks sameAs does not list: \(otherNetworks); name agreement: \(nameAgree)/\(names) = \(String(format: "%.3f", Double(nameAgree) / Double(max(1, names))))")
    }
}

/// The repository's social canonicaliser (the same rules leadsmith uses), for reading `sameAs`.
enum YAMLSocial {
    static func canonicalizer() throws -> SocialCanonicalizer {
        let text = try String(contentsOf: RulesFolder.url.appendingPathComponent("social.yaml"), encoding: .utf8)
        // The `ignore_handles` list only: it ends at the next top-level key.
        var inList = false
        let handles = text.split(separator: "\n").compactMap { line -> String? in
            if let first = line.first, first != " ", first != "#", first != "-" { inList = line.hasPrefix("ignore_handles:") }
            let t = line.trimmingCharacters(in: .whitespaces)
            guard inList, t.hasPrefix("- ") else { return nil }
            return String(t.dropFirst(2)).trimmingCharacters(in: .whitespaces)
        }
        return SocialCanonicalizer(ignoredHandles: handles)
    }
}
