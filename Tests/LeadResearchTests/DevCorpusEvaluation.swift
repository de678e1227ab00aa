import Foundation
import LeadCore
import LeadResearch
import Testing

/// Researches every company of the dev corpus and compares with its truth (skipped unless
/// `LEADSMITH_DEV_CORPUS` points at the corpus folder). Prints per-field accuracy and the mismatches.
struct DevCorpusEvaluation {
    static let corpus = ProcessInfo.processInfo.environment["LEADSMITH_DEV_CORPUS"]

    @Test(.enabled(if: corpus != nil))
    func researchMatchesTruth() async throws {
        let dir = URL(fileURLWithPath: Self.corpus!)
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        let source = try SnapshotPageSource(directory: dir.appendingPathComponent("sites"))
        let researcher = CompanyResearcher(source: source, rules: rules)
        let text = try String(contentsOf: dir.appendingPathComponent("truth.ndjson"), encoding: .utf8)
        var score: [String: (Int, Int)] = [:]
        var socialTP = 0, socialFP = 0, socialFN = 0, techTP = 0, techFP = 0, techFN = 0, inventedPhones = 0
        var lines: [String] = []
        func count(_ field: String, _ ok: Bool, _ detail: @autoclosure () -> String) {
            var s = score[field] ?? (0, 0)
            s.1 += 1
            if ok { s.0 += 1 } else { lines.append("\(field): \(detail())") }
            score[field] = s
        }
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        var profiles: [String: CompanyProfile] = [:]
        var teamLeads: [(domain: String, name: String, title: String)] = []
        for line in text.split(separator: "\n") {
            if let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], obj["type"] as? String == "lead",
               obj["title_source"] as? String == "team_page", let domain = obj["domain"] as? String,
               let first = obj["first_name"] as? String, let last = obj["last_name"] as? String, let title = obj["job_title"] as? String {
                teamLeads.append((domain, first + " " + last, title))
            }
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  obj["type"] as? String == "company", let domain = obj["domain"] as? String else { continue }
            // Research the first domain of the chain when the truth lists redirects.
            let start = (obj["redirected_from"] as? [String])?.first ?? domain
            let t0 = clock.now
            let p = await researcher.research(domain: start)
            elapsed += clock.now - t0
            profiles[domain] = p
            let truthStatus = obj["site_status"] as? String ?? ""
            count("site_status", p.siteStatus.rawValue == truthStatus, "\(domain) got \(p.siteStatus.rawValue) want \(truthStatus)")
            guard truthStatus == "ok" else { continue }
            count("redirects", p.redirectedFrom == (obj["redirected_from"] as? [String] ?? []), "\(domain) got \(p.redirectedFrom)")
            func norm(_ s: String?) -> String { (s ?? "").lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            if let name = obj["name"] as? String {
                let ok = norm(p.name?.value) == norm(name) || norm(p.name?.value) == norm(obj["legal_name"] as? String)
                count("name", ok, "\(domain) got \(p.name?.value ?? "nil") want \(name)")
            }
            if let c = obj["country"] as? String { count("country", p.country?.value == c, "\(domain) got \(p.country?.value ?? "nil") want \(c)") }
            if let years = obj["acceptable_founded_years"] as? [Int], !years.isEmpty {
                count("founded", p.founded.map { years.contains($0.value) } ?? false, "\(domain) got \(p.founded?.value.description ?? "nil") (\(p.founded?.evidence ?? "")) want \(years)")
            } else if let f = p.founded {
                lines.append("founded-invented: \(domain) got \(f.value) (\(f.evidence ?? ""))")
            }
            if let buckets = obj["acceptable_size_buckets"] as? [String], !buckets.isEmpty {
                count("size_bucket", p.sizeBucket.map { buckets.contains($0.rawValue) } ?? false,
                      "\(domain) got \(p.sizeBucket?.rawValue ?? "nil") \(p.employees.map { "\($0.value) \($0.evidence ?? "")" } ?? "") want \(buckets)")
            } else if let e = p.employees {
                lines.append("size-invented: \(domain) got \(e.value) (\(e.evidence ?? ""))")
            }
            if let industry = obj["industry"] as? String {
                count("industry", p.industry?.value.rawValue == industry, "\(domain) got \(p.industry?.value.rawValue ?? "nil") (\(p.industry?.evidence ?? "")) want \(industry)")
            }
            if let phone = obj["phone"] as? String {
                count("phone", p.phone?.value == phone, "\(domain) got \(p.phone?.value ?? "nil") want \(phone)")
            } else if let ph = p.phone {
                inventedPhones += 1
                lines.append("phone-invented: \(domain) got \(ph.value)")
            }
            let truthSocial = Set((obj["socials"] as? [String: String] ?? [:]).map { "\($0.key) \($0.value)" })
            let gotSocial = Set(p.social.map { "\($0.key.rawValue) \($0.value.value)" })
            socialTP += truthSocial.intersection(gotSocial).count
            socialFP += gotSocial.subtracting(truthSocial).count
            socialFN += truthSocial.subtracting(gotSocial).count
            if truthSocial != gotSocial { lines.append("social: \(domain) extra \(gotSocial.subtracting(truthSocial).sorted()) missing \(truthSocial.subtracting(gotSocial).sorted())") }
            let truthTech = Set(obj["technologies"] as? [String] ?? [])
            let gotTech = Set(p.technologies.keys)
            techTP += truthTech.intersection(gotTech).count
            techFP += gotTech.subtracting(truthTech).count
            techFN += truthTech.subtracting(gotTech).count
            if truthTech != gotTech {
                lines.append("tech: \(domain) extra \(gotTech.subtracting(truthTech).sorted().map { "\($0)=\(p.technologies[$0]?.evidence ?? "")" }) missing \(truthTech.subtracting(gotTech).sorted())")
            }
        }
        // Team pages: the lead's name listed with the title the truth took from the team page.
        func nameKey(_ s: String) -> String {
            s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
        }
        for lead in teamLeads {
            let member = profiles[lead.domain]?.people.first { nameKey($0.name) == nameKey(lead.name) }
            let got = member?.title.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            count("team_title", got == lead.title, "\(lead.domain) \(lead.name) got \(got ?? "nil") want \(lead.title)")
        }
        let people = profiles.values.reduce(0) { $0 + $1.people.count }
        lines.append("people listed: \(people) on \(profiles.values.filter { !$0.people.isEmpty }.count) sites")
        func f1(_ tp: Int, _ fp: Int, _ fn: Int) -> Double { tp == 0 ? 0 : 2.0 * Double(tp) / Double(2 * tp + fp + fn) }
        var report = lines.sorted().joined(separator: "\n") + "\n"
        for (k, v) in score.sorted(by: { $0.key < $1.key }) {
            report += String(format: "%@: %.3f (%d/%d)\n", k, Double(v.0) / Double(max(1, v.1)), v.0, v.1)
        }
        report += String(format: "socials F1: %.3f  technologies F1: %.3f  invented phones: %d\n", f1(socialTP, socialFP, socialFN), f1(techTP, techFP, techFN), inventedPhones)
        report += "research time: \(elapsed)\n"
        print(report)
        try? report.write(toFile: NSTemporaryDirectory() + "leadsmith-dev-eval.txt", atomically: true, encoding: .utf8)
    }
}
