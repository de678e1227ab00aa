import Foundation
import LeadCore
import LeadHTML
@testable import LeadResearch
import Testing

/// Bare parse time versus parse + every extractor (``PageBenchmark``) over the dev pages and the
/// real pages (gated on `LEADSMITH_DEV_CORPUS` / `LEADSMITH_REAL_PAGES`). Every page must extract
/// without a crash.
struct ExtractionBenchmark {
    static let realPages = ProcessInfo.processInfo.environment["LEADSMITH_REAL_PAGES"]
    static let repeats = Int(ProcessInfo.processInfo.environment["LEADSMITH_BENCH_REPEATS"] ?? "") ?? 1

    static func report(_ label: String, _ r: PageBenchmarkResult) -> String {
        String(format: "%@: %d pages (%.1f MB) x%d, %d failures; parse %.3f s (%.0f pages/s), parse+extract %.3f s (%.0f pages/s), ratio %.2f",
               label, r.pages, Double(r.bytes) / 1e6, r.repeats, r.failures.count, r.parseSeconds, r.parsePagesPerSecond,
               r.extractSeconds, r.extractPagesPerSecond, r.overheadRatio)
    }

    @Test(.enabled(if: DevCorpusEvaluation.corpus != nil))
    func devPages() throws {
        let sites = URL(fileURLWithPath: DevCorpusEvaluation.corpus!).appendingPathComponent("sites")
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        var files: [URL] = []
        for domain in try FileManager.default.contentsOfDirectory(atPath: sites.path) where !domain.hasPrefix("_") {
            for f in ["index.html", "about.html", "contact.html", "team.html"] {
                let url = sites.appendingPathComponent(domain).appendingPathComponent(f)
                if FileManager.default.fileExists(atPath: url.path) { files.append(url) }
            }
        }
        let r = PageBenchmark.run(files: files, rules: rules, repeats: Self.repeats)
        print(Self.report("dev pages", r))
        #expect(r.pages + r.failures.count == files.count)
    }

    @Test(.enabled(if: realPages != nil))
    func realPagesNeverCrash() throws {
        let dir = URL(fileURLWithPath: Self.realPages!)
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".html") }
            .map { dir.appendingPathComponent($0) }
        let r = PageBenchmark.run(files: files, rules: rules, repeats: Self.repeats)
        print(Self.report("real pages", r))
        for f in r.failures { print("failure: \(f.file): \(f.error)") }
        #expect(r.pages + r.failures.count == files.count)
        // The team-page reader too (the benchmark reads these as home pages).
        var people = 0
        for file in files {
            guard let doc = try? HTMLDocument.parse([UInt8](Data(contentsOf: file))) else { continue }
            let page = PageExtractor(rules: rules).extract(doc, kind: "team", url: "https://example.com/team")
            people += page.people.count
        }
        print("real pages read as team pages: \(people) people")
    }
}
