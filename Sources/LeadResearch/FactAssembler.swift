import Foundation
import LeadCore

/// Combines the extractors' candidates from all pages of a site into one ``CompanyProfile``.
struct FactAssembler {
    let rules: ResearchRules
    let domain: String
    /// The site's pages, home page first.
    let pages: [ExtractedPage]

    /// Page precedence for prose facts: about > home > team > contact.
    static func textRank(_ kind: String) -> Int {
        switch kind {
        case "about": return 0
        case "index": return 1
        case "team": return 2
        default: return 3
        }
    }

    func fill(_ p: inout CompanyProfile) {
        // JSON-LD company nodes, first per page (pages in reading order).
        var orgs: [(JSONLDOrganization, String)] = []
        for page in pages {
            if let org = page.organization { orgs.append((org, page.scan.url)) }
        }
        let home = pages[0].scan
        func micro(_ path: String) -> (String, String)? {
            for page in pages {
                if let m = page.scan.microdata.first(where: { $0.path == path && !$0.value.trimmedSpace(newlines: false).isEmpty }) {
                    return (m.value.trimmedSpace(), page.scan.url)
                }
            }
            return nil
        }

        // Name and legal name.
        if let (o, url) = orgs.first(where: { $0.0.name != nil }), let n = o.name {
            p.name = Fact(n, provenance: Provenance(url: url, method: .jsonLD, confidence: 0.95))
        } else if let (n, url) = micro("name") {
            p.name = Fact(n, provenance: Provenance(url: url, method: .microdata, confidence: 0.9))
        } else if let n = home.meta["og:site_name"]?.trimmedSpace(newlines: false), !n.isEmpty {
            p.name = Fact(n, provenance: Provenance(url: home.url, method: .opengraph, confidence: 0.85))
        } else if let n = home.meta["application-name"]?.trimmedSpace(newlines: false), !n.isEmpty {
            p.name = Fact(n, provenance: Provenance(url: home.url, method: .meta, confidence: 0.7))
        } else if let n = nameFromTitle(home.title) {
            p.name = Fact(n, provenance: Provenance(url: home.url, method: .meta, confidence: 0.6))
        }
        if let (o, url) = orgs.first(where: { $0.0.legalName != nil }), let n = o.legalName {
            p.legalName = Fact(n, provenance: Provenance(url: url, method: .jsonLD, confidence: 0.95))
        } else if let (n, url) = micro("legalname") {
            p.legalName = Fact(n, provenance: Provenance(url: url, method: .microdata, confidence: 0.9))
        } else if let (n, url) = legalNameFromFooter() {
            p.legalName = Fact(n, provenance: Provenance(url: url, method: .text, confidence: 0.7))
        }
        if p.name == nil, let legal = p.legalName { p.name = legal }

        // Description.
        if let d = home.meta["description"] ?? home.meta["og:description"], !d.isEmpty {
            p.description = Fact(d.trimmedSpace(), provenance: Provenance(url: home.url, method: .meta, confidence: 0.8))
        } else if let (o, url) = orgs.first(where: { $0.0.description != nil }), let d = o.description {
            p.description = Fact(d, provenance: Provenance(url: url, method: .jsonLD, confidence: 0.9))
        }

        // Address.
        if let (o, url) = orgs.first(where: { $0.0.address.map { !$0.isEmpty } ?? false }), let a = o.address {
            p.address = Fact(a, provenance: Provenance(url: url, method: .jsonLD, confidence: 0.9))
        } else {
            var a = PostalAddress()
            var url = home.url
            if let (v, u) = micro("address.streetaddress") { a.street = v; url = u }
            if let (v, _) = micro("address.postalcode") { a.postalCode = v }
            if let (v, _) = micro("address.addresslocality") { a.city = v }
            if let (v, _) = micro("address.addresscountry") { a.country = Countries.iso2(fromName: v) }
            if !a.isEmpty { p.address = Fact(a, provenance: Provenance(url: url, method: .microdata, confidence: 0.85)) }
        }

        // Language.
        if let lang = home.language?.split(whereSeparator: { $0 == "-" || $0 == "_" }).first, !lang.isEmpty {
            p.language = Fact(lang.lowercased(), provenance: Provenance(url: home.url, method: .meta, confidence: 0.9))
        } else if let loc = home.meta["og:locale"]?.split(whereSeparator: { $0 == "-" || $0 == "_" }).first {
            p.language = Fact(loc.lowercased(), provenance: Provenance(url: home.url, method: .opengraph, confidence: 0.7))
        }

        // Country evidence before phones (national numbers need it).
        let tldCountry = Countries.iso2(fromTLD: domain)
        let langRegion = regionFromLanguage()
        let addressCountry = p.address?.value.country
        let defaultCountry = addressCountry ?? tldCountry ?? langRegion

        // Phones.
        var candidates: [PhoneCandidate] = []
        if let (o, url) = orgs.first(where: { $0.0.telephone != nil }), let t = o.telephone,
           let e = PhoneNumber.e164(t, defaultCountry: defaultCountry) {
            candidates.append(PhoneCandidate(e164: e, score: 5, role: .main, url: url, method: .jsonLD, evidence: t))
        } else if let (t, url) = micro("telephone"), let e = PhoneNumber.e164(t, defaultCountry: defaultCountry) {
            candidates.append(PhoneCandidate(e164: e, score: 5, role: .main, url: url, method: .microdata, evidence: t))
        }
        for page in pages { candidates += page.phones.compactMap { $0.candidate(url: page.scan.url, defaultCountry: defaultCountry) } }
        let faxes = Set(candidates.filter { $0.role == .fax }.map(\.e164))
        let mains = candidates.filter { $0.role == .main && $0.score > 0 && !faxes.contains($0.e164) }
        if let best = mains.enumerated().max(by: { ($0.element.score, -$0.offset) < ($1.element.score, -$1.offset) })?.element {
            p.phone = Fact(best.e164, provenance: Provenance(url: best.url, method: best.method, confidence: best.score >= 4 ? 0.9 : 0.75), evidence: best.evidence)
        }
        var phones: [String] = []
        if let main = p.phone?.value { phones.append(main) }
        for c in candidates where c.role != .fax && !faxes.contains(c.e164) && !phones.contains(c.e164) { phones.append(c.e164) }
        p.phones = phones

        // Country: address > main phone > ccTLD > language region.
        if let c = addressCountry {
            p.country = Fact(c, provenance: Provenance(url: p.address?.provenance.url ?? home.url, method: p.address?.provenance.method ?? .jsonLD, confidence: 0.9))
        } else if let (c, url) = pages.lazy.compactMap({ page in page.postcodeCountry.map { ($0, page.scan.url) } }).first {
            p.country = Fact(c, provenance: Provenance(url: url, method: .text, confidence: 0.75), evidence: "postcode")
        } else if let ph = p.phone, let c = PhoneNumber.country(ofE164: ph.value) {
            p.country = Fact(c == "US" && tldCountry == "CA" ? "CA" : c, provenance: Provenance(url: ph.provenance.url, method: ph.provenance.method, confidence: 0.8))
        } else if let c = tldCountry {
            p.country = Fact(c, provenance: Provenance(url: home.url, method: .header, confidence: 0.6), evidence: "ccTLD")
        } else if let c = langRegion {
            p.country = Fact(c, provenance: Provenance(url: home.url, method: .meta, confidence: 0.5))
        }

        // E-mails.
        var emails: [String] = []
        for (o, _) in orgs { emails += o.emails.map { $0.lowercased() } }
        for page in pages { emails += page.emails }
        var seen = Set<String>()
        p.emails = emails.filter { seen.insert($0).inserted }

        fillPeople(&p)
        fillEmployees(&p, orgs: orgs)
        fillFounded(&p, orgs: orgs, micro: micro("foundingdate"))
        fillSocial(&p, orgs: orgs)
        fillTechnologies(&p)
        fillIndustry(&p, orgs: orgs)
    }

    /// Team page people first, then about page people; one entry per name. A "name" that holds the
    /// company's own name ("Over Acme Koffie") is a heading, not a person.
    private func fillPeople(_ p: inout CompanyProfile) {
        guard pages.contains(where: { !$0.people.isEmpty }) else { return }
        let brands = [p.name?.value, p.legalName?.value].compactMap { $0 }.map(TeamExtractor.nameKey).filter { !$0.isEmpty }
        var seen = Set<String>()
        for kind in ["team", "about"] {
            for page in pages where page.kind == kind {
                for member in page.people {
                    let key = TeamExtractor.nameKey(member.name)
                    if brands.contains(where: { key.contains($0) }) { continue }
                    if seen.insert(key).inserted { p.people.append(member) }
                }
            }
        }
    }

    private func regionFromLanguage() -> String? {
        let home = pages[0].scan
        for tag in [home.language, home.meta["og:locale"]].compactMap({ $0 }) {
            let parts = tag.split(whereSeparator: { $0 == "-" || $0 == "_" })
            if parts.count >= 2, parts[1].count == 2, let c = Countries.iso2(fromTLD: String(parts[1])) { return c }
        }
        return nil
    }

    private func nameFromTitle(_ title: String?) -> String? {
        guard let title, !title.isEmpty else { return nil }
        let parts = title.components(separatedBy: CharacterSet(charactersIn: "|–—:·•")).flatMap { $0.components(separatedBy: " - ") }
            .map { $0.trimmedSpace(newlines: false) }.filter { !$0.isEmpty }
        let label = domain.split(separator: ".").first.map { $0.split(separator: "-").joined() } ?? ""
        func compact(_ s: String) -> String { IndustryRules.fold(s).filter { $0.isLetter || $0.isNumber } }
        return parts.max { a, b in overlap(compact(a), label) < overlap(compact(b), label) } ?? parts.first
    }

    private func overlap(_ a: String, _ b: String) -> Int {
        var n = 0
        for (x, y) in zip(a, b) { if x == y { n += 1 } else { break } }
        return n + (b.contains(a) || a.contains(b) ? 5 : 0)
    }

    private static let legalForms = try! NSRegularExpression(
        pattern: #"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*(?:[-–—]\s*\d{4})?)?\s*([\p{L}\p{N}'’&.,\- ]{2,80}?\s(?:B\.?V\.?|N\.?V\.?|V\.O\.F\.?|GmbH(?:\s*&\s*Co\.?\s*KG)?|AG|KG|e\.\s?K\.|e\.\s?V\.|SARL|SASU|SAS|SA|S\.A\.|Sàrl|S\.L\.|SL|S\.r\.l\.|S\.p\.A\.|SRL|Ltd\.?|Limited|LLP|PLC|plc|Inc\.?|LLC|Corp\.?|Oy|AB|ApS|A/S|sp\. z o\.o\.))(?=[\s.,|]|$)"#,
        options: [.caseInsensitive])

    private static let copyrightMarks = MultiMatcher(["©", "copyright"], ignoringASCIICase: true)

    private func legalNameFromFooter() -> (String, String)? {
        for page in pages {
            for seg in page.scan.segments.reversed() where Self.copyrightMarks.matchesAny(seg.text) {
                let ns = seg.text as NSString
                if let m = Self.legalForms.firstMatch(in: seg.text, range: NSRange(location: 0, length: ns.length)) {
                    return (ns.substring(with: m.range(at: 1)).trimmedSpace(newlines: false), page.scan.url)
                }
            }
        }
        return nil
    }

    private func fillEmployees(_ p: inout CompanyProfile, orgs: [(JSONLDOrganization, String)]) {
        var claims: [(Fact<EmployeeCount>, Int)] = []  // fact, source rank
        for (o, url) in orgs { if let e = o.employees { claims.append((Fact(e, provenance: Provenance(url: url, method: .jsonLD, confidence: 0.9)), 0)) } }
        for page in pages {
            if let m = page.scan.microdata.first(where: { $0.path == "numberofemployees" || $0.path == "numberofemployees.value" }),
               let e = JSONLDExtractor.employeeCount(m.value) {
                claims.append((Fact(e, provenance: Provenance(url: page.scan.url, method: .microdata, confidence: 0.85)), 1))
            }
        }
        for page in pages {
            let rank = 2 + Self.textRank(page.kind)
            for c in page.employeeClaims {
                claims.append((Fact(c.count, provenance: Provenance(url: page.scan.url, method: .text, confidence: 0.7), evidence: c.evidence), rank))
            }
        }
        p.employeeClaims = claims.map(\.0)
        if let best = claims.enumerated().min(by: { a, b in
            (a.element.1, a.element.0.value.precisionRank, a.offset) < (b.element.1, b.element.0.value.precisionRank, b.offset)
        }) {
            p.employees = best.element.0
        }
    }

    private func fillFounded(_ p: inout CompanyProfile, orgs: [(JSONLDOrganization, String)], micro: (String, String)?) {
        let year = rules.founding.currentYear
        func yearOf(_ s: String) -> Int? {
            let digits = s.prefix { $0.isNumber || $0 == " " }.filter(\.isNumber)
            guard digits.count == 4, let y = Int(digits), y >= 1700, y <= year else { return nil }
            return y
        }
        if let (o, url) = orgs.first(where: { $0.0.foundingDate.flatMap(yearOf) != nil }), let y = o.foundingDate.flatMap(yearOf) {
            p.founded = Fact(y, provenance: Provenance(url: url, method: .jsonLD, confidence: 0.95), evidence: o.foundingDate)
            return
        }
        if let (v, url) = micro, let y = yearOf(v) {
            p.founded = Fact(y, provenance: Provenance(url: url, method: .microdata, confidence: 0.9), evidence: v)
            return
        }
        var best: (FoundingYearParser.Claim, String, Int)?
        for page in pages {
            for c in page.foundingClaims {
                let rank = (c.strong ? 0 : 10) + Self.textRank(page.kind)
                // Same rank: the earliest year wins (a company is founded before it becomes
                // anyone's customer or partner "since" a later year).
                if best == nil || rank < best!.2 || (rank == best!.2 && c.year < best!.0.year) {
                    best = (c, page.scan.url, rank)
                }
            }
        }
        if let (c, url, _) = best {
            p.founded = Fact(c.year, provenance: Provenance(url: url, method: .text, confidence: c.strong ? 0.8 : 0.6), evidence: c.evidence)
        }
    }

    private func fillSocial(_ p: inout CompanyProfile, orgs: [(JSONLDOrganization, String)]) {
        var counts: [SocialNetwork: [String: (Int, String, ExtractionMethod)]] = [:]
        for (o, url) in orgs.prefix(1) + orgs.dropFirst().filter({ $0.0.name == orgs.first?.0.name }) {
            for s in o.sameAs {
                guard let (net, canon) = rules.social.canonical(s) else { continue }
                let prev = counts[net]?[canon]
                counts[net, default: [:]][canon] = ((prev?.0 ?? 0) + 100, prev?.1 ?? url, .jsonLD)
            }
        }
        // The site's nameless Organization stub speaks for the company as much as the named node.
        for page in pages {
            for s in page.namelessSameAs {
                guard let (net, canon) = rules.social.canonical(s) else { continue }
                let prev = counts[net]?[canon]
                counts[net, default: [:]][canon] = ((prev?.0 ?? 0) + 100, prev?.1 ?? page.scan.url, .jsonLD)
            }
        }
        var known: [String: (SocialNetwork, String)?] = [:]  // the same footer links repeat on every page
        for page in pages {
            // Links in bylines, author boxes, embedded posts and share widgets are someone else's.
            for link in page.scan.links where !link.region.contains(.foreign) {
                guard SocialCanonicalizer.networkHosts.matchesAny(link.href) else { continue }
                let result: (SocialNetwork, String)?
                if let cached = known[link.href] {
                    result = cached
                } else {
                    result = rules.social.canonical(link.href)
                    known[link.href] = .some(result)
                }
                guard let (net, canon) = result else { continue }
                let prev = counts[net]?[canon]
                counts[net, default: [:]][canon] = ((prev?.0 ?? 0) + 1, prev?.1 ?? page.scan.url, prev?.2 ?? .link)
            }
        }
        for (net, urls) in counts {
            if let best = urls.max(by: { ($0.value.0, $1.key) < ($1.value.0, $0.key) }) {
                p.social[net] = Fact(best.key, provenance: Provenance(url: best.value.1, method: best.value.2, confidence: best.value.2 == .jsonLD ? 0.9 : 0.8))
            }
        }
    }

    private func fillTechnologies(_ p: inout CompanyProfile) {
        var found: [String: (String, String)] = [:]
        for page in pages {
            for (id, ev) in page.technologies where found[id] == nil {
                found[id] = (ev, page.scan.url)
            }
        }
        let final = rules.fingerprints.finalize(found.mapValues { $0.0 })
        for (id, ev) in final {
            let url = found[id]?.1 ?? pages[0].scan.url
            p.technologies[id] = Fact(id, provenance: Provenance(url: url, method: ev.hasPrefix("header") ? .header : .link, confidence: 0.9), evidence: String(ev.prefix(200)))
        }
    }

    private func fillIndustry(_ p: inout CompanyProfile, orgs: [(JSONLDOrganization, String)]) {
        var types = orgs.flatMap { $0.0.types }
        for page in pages { types += page.scan.microdataTypes }
        var texts: [String: [String]] = [:]
        texts["description", default: []] += [p.description?.value, pages[0].scan.meta["og:description"]].compactMap { $0 }
        texts["description", default: []] += orgs.compactMap { $0.0.description }
        texts["title"] = pages.compactMap { $0.scan.title }
        texts["domain"] = [domain.split(separator: ".").first.map { $0.split(separator: "-", omittingEmptySubsequences: false).joined(separator: " ") } ?? ""]
        for page in pages where page.kind == "index" || page.kind == "about" {
            texts["headings", default: []] += page.scan.segments.filter(\.isHeading).map(\.text)
            let body = page.scan.segments.filter { !$0.isHeading && $0.region.isDisjoint(with: [.nav, .footer]) }.map(\.text).joined(separator: "\n")
            texts["body", default: []].append(body.utf8.count > 20_000 ? String(body.prefix(20_000)) : body)
        }
        // The winning cues are the evidence; confidence grows with the lead over the runner-up.
        if let r = rules.industries.classify(types: types, texts: texts, language: p.language?.value) {
            let lead = (r.score - r.runnerUp) / r.score
            p.industry = Fact(r.industry, provenance: Provenance(url: pages[0].scan.url, method: r.fromType ? .jsonLD : .text,
                                                                  confidence: min(0.95, 0.5 + 0.45 * lead)), evidence: r.evidence)
        }
    }
}
