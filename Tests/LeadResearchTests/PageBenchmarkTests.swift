import Foundation
import LeadCore
import LeadResearch
import Testing

/// `leadsmith bench pages` numbers: every readable page is measured in both phases, pages that are
/// not pages are failures with a reason, and the order is fixed.
struct PageBenchmarkTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func pageFiles() throws -> [URL] {
        let sites = fixtures.appendingPathComponent("sites")
        var files: [URL] = []
        for domain in try FileManager.default.contentsOfDirectory(atPath: sites.path) where !domain.hasPrefix("_") {
            let dir = sites.appendingPathComponent(domain)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".html") {
                files.append(dir.appendingPathComponent(name))
            }
        }
        return files
    }

    @Test func measuresEveryPageAndReportsTheOnesThatAreNotPages() throws {
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        let pages = try Self.pageFiles()
        let blank = Self.fixtures.appendingPathComponent("bench/blank.html")
        let missing = Self.fixtures.appendingPathComponent("bench/missing.html")
        let r = PageBenchmark.run(files: pages.reversed() + [blank, missing, pages[0]], rules: rules, repeats: 2)
        #expect(r.pages == pages.count, "each readable page once, duplicates ignored")
        #expect(r.repeats == 2)
        let expectedBytes = try pages.reduce(0) { $0 + (try Data(contentsOf: $1)).count }
        #expect(r.bytes == expectedBytes)
        #expect(r.failures.map(\.file) == [blank.path, missing.path], "failures in path order")
        #expect(r.failures.first?.error.contains("empty") == true)
        #expect(r.parseSeconds > 0 && r.extractSeconds > 0)
        #expect(r.parsePagesPerSecond > 0 && r.extractPagesPerSecond > 0)
        #expect(abs(r.overheadRatio - r.extractSeconds / r.parseSeconds) < 1e-9)
        #expect(abs(r.speedVersusParse - r.parseSeconds / r.extractSeconds) < 1e-9)
        #expect(r.jobs == 1 && r.parallelWallSeconds == 0 && r.parallelSpeedup == 0, "no parallel phase by default")
    }

    @Test func parallelPhaseTimesOneThreadAndJobsThreadsOnTheSamePages() throws {
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        let pages = try Self.pageFiles()
        let r = PageBenchmark.run(files: pages, rules: rules, repeats: 1, jobs: 3)
        #expect(r.jobs == 3)
        #expect(r.pages == pages.count && r.failures.isEmpty)
        #expect(r.oneThreadWallSeconds > 0 && r.parallelWallSeconds > 0)
        #expect(abs(r.parallelSpeedup - r.oneThreadWallSeconds / r.parallelWallSeconds) < 1e-9)
        #expect(abs(r.parallelPagesPerSecond - Double(r.pages) / r.parallelWallSeconds) < 1e-6)
    }

    @Test func emptyInputMeasuresNothing() throws {
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        let r = PageBenchmark.run(files: [], rules: rules, repeats: 0)
        #expect(r.pages == 0 && r.failures.isEmpty && r.repeats == 1)
        #expect(r.parsePagesPerSecond == 0 || r.parseSeconds > 0)
    }
}
