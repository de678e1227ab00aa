import Foundation
import LeadCore
import LeadHTML
@testable import LeadResearch
import Testing

/// Writes every real page's extracted facts to a file, one line per page, so two builds' extractions
/// can be compared byte for byte (`LEADSMITH_REAL_PAGES` = the pages, `LEADSMITH_EXTRACTION_DUMP` =
/// the output file; skipped without both). Each page is read as a team page, so the team reader
/// runs as well as every other per-page extractor; sets and dictionaries are written sorted.
struct ExtractionDump {
    static let output = ProcessInfo.processInfo.environment["LEADSMITH_EXTRACTION_DUMP"]

    @Test(.enabled(if: ExtractionBenchmark.realPages != nil && output != nil))
    func dumpEveryPage() throws {
        let dir = URL(fileURLWithPath: ExtractionBenchmark.realPages!)
        let rules = try ResearchRules(files: RuleFiles(directory: RulesFolder.url))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".html") }.sorted()
        var lines: [String] = []
        for name in files {
            let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
            guard let doc = try? HTMLFlatDocument.parse(bytes, url: "https://example.com/team") else {
                lines.append("\(name)\tunparsed")
                continue
            }
            var page = PageExtractor(rules: rules).extract(doc, kind: "team", url: "https://example.com/team")
            let attributeNames = page.scan.attributeNames.sorted()
            let attributeValues = page.scan.attributeValues.sorted()
            let meta = page.scan.meta.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let technologies = page.technologies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            page.scan.attributeNames = []
            page.scan.attributeValues = []
            page.scan.meta = [:]
            page.technologies = [:]
            lines.append([name, String(reflecting: page), "\(attributeNames)", "\(attributeValues)", "\(meta)", "\(technologies)"]
                .joined(separator: "\t"))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: Self.output!, atomically: true, encoding: .utf8)
        #expect(lines.count == files.count)
    }
}
