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
        print(Self.stages(files, rules: rules))
    }

    /// The cheap pre-checks never drop an employee statement, phone or e-mail: every page gives the
    /// same results with and without them.
    @Test(.enabled(if: DevCorpusEvaluation.corpus != nil || realPages != nil))
    func prechecksDropNothing() throws {
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        var dirs: [URL] = []
        if let corpus = DevCorpusEvaluation.corpus {
            let sites = URL(fileURLWithPath: corpus).appendingPathComponent("sites")
            dirs += try FileManager.default.contentsOfDirectory(atPath: sites.path).map { sites.appendingPathComponent($0) }
        }
        if let real = Self.realPages { dirs.append(URL(fileURLWithPath: real)) }
        var segments = 0
        var claims = 0
        for dir in dirs {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { continue }
            for name in names where name.hasSuffix(".html") {
                guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path),
                      let doc = try? HTMLFlatDocument.parse([UInt8](data)) else { continue }
                let scan = PageScanner(rules: rules.scan).scan(doc, url: "https://example.com/")
                let phones = ContactExtractor.phones(in: scan, cues: rules.contact).map { "\($0.raw) \($0.role) \($0.score)" }
                let allPhones = ContactExtractor.phones(in: scan, cues: rules.contact, precheck: false).map { "\($0.raw) \($0.role) \($0.score)" }
                #expect(phones == allPhones, "\(name)")
                #expect(ContactExtractor.emails(in: scan) == ContactExtractor.emails(in: scan, precheck: false), "\(name)")
                for seg in scan.segments {
                    segments += 1
                    let fast = rules.employee.claims(in: seg.text, language: scan.language)
                    let full = rules.employee.claims(in: seg.text, language: scan.language, precheck: false)
                    claims += full.count
                    #expect(fast == full, "\(seg.text.prefix(200))")
                }
            }
        }
        print("pre-checks: \(segments) segments, \(claims) employee claims, none dropped")
    }

    /// Where the time goes: parse, parse + bare walk (no work per event), parse + page scan.
    static func stages(_ files: [URL], rules: ResearchRules) -> String {
        let bodies = files.compactMap { FileManager.default.contents(atPath: $0.path).map { [UInt8]($0) } }
        func cpu(_ work: () -> Void) -> Double {
            let start = clock()
            for _ in 0..<repeats { work() }
            return Double(clock() - start) / Double(CLOCKS_PER_SEC)
        }
        let parse = cpu { for b in bodies { _ = try? HTMLDocument.parse(b) } }
        let flatParse = cpu { for b in bodies { _ = try? HTMLFlatDocument.parse(b) } }
        let walk = cpu {
            for b in bodies {
                guard let doc = try? HTMLFlatDocument.parse(b), let body = doc.body ?? doc.root else { continue }
                var n = 0
                DocumentEvents.walk(doc, root: body, enter: { _ in n += 1; return .descend }, text: { n += $0.count }, leave: { _ in n += 1 })
            }
        }
        let scan = cpu {
            for b in bodies {
                guard let doc = try? HTMLFlatDocument.parse(b) else { continue }
                _ = PageScanner(rules: rules.scan).scan(doc, url: "https://example.com/")
            }
        }
        let extract = cpu {
            for b in bodies {
                guard let doc = try? HTMLFlatDocument.parse(b) else { continue }
                _ = PageExtractor(rules: rules).extract(doc, kind: "index", url: "https://example.com/")
            }
        }
        let team = cpu {
            for b in bodies {
                guard let doc = try? HTMLFlatDocument.parse(b) else { continue }
                _ = PageExtractor(rules: rules).extract(doc, kind: "team", url: "https://example.com/team")
            }
        }
        return String(format: "stages: tree parse %.3f s, SAX parse %.3f s, parse+walk %.3f s, parse+scan %.3f s, parse+page extractors %.3f s (as team pages %.3f s)",
                      parse, flatParse, walk, scan, extract, team)
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
        print(Self.stages(files, rules: rules))
        // The team-page reader too (the benchmark reads these as home pages).
        var people = 0
        for file in files {
            guard let doc = try? HTMLFlatDocument.parse([UInt8](Data(contentsOf: file))) else { continue }
            let page = PageExtractor(rules: rules).extract(doc, kind: "team", url: "https://example.com/team")
            people += page.people.count
        }
        print("real pages read as team pages: \(people) people")
    }
}
