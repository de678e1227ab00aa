import Foundation
import LeadCore
import LeadHTML
@testable import LeadResearch
import Testing

/// Bare parse time versus parse + scan + extraction over every dev page (gated on `LEADSMITH_DEV_CORPUS`).
struct ExtractionBenchmark {
    @Test(.enabled(if: DevCorpusEvaluation.corpus != nil))
    func extractionCostVersusParse() throws {
        let sites = URL(fileURLWithPath: DevCorpusEvaluation.corpus!).appendingPathComponent("sites")
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        var bodies: [([UInt8], String)] = []
        for domain in try FileManager.default.contentsOfDirectory(atPath: sites.path).sorted() {
            for f in ["index.html", "about.html", "contact.html", "team.html"] {
                if let d = FileManager.default.contents(atPath: sites.appendingPathComponent(domain).appendingPathComponent(f).path) {
                    bodies.append(([UInt8](d), "https://\(domain)/"))
                }
            }
        }
        let clock = ContinuousClock()
        let parse = clock.measure { for (b, u) in bodies { _ = try? HTMLDocument.parse(b, url: u) } }
        let full = clock.measure {
            for (b, u) in bodies {
                guard let doc = try? HTMLDocument.parse(b, url: u) else { continue }
                let scan = PageScanner(officeMarkers: rules.contact.officeMarkers).scan(doc, url: u)
                var p = CompanyProfile(domain: "x", siteStatus: .ok)
                FactAssembler(rules: rules, domain: "x.nl", pages: [.init(kind: "about", scan: scan, headers: [])]).fill(&p)
            }
        }
        print("pages: \(bodies.count) parse: \(parse) parse+extract: \(full)")
    }
}
