import Foundation
import LeadHTML
import Testing

/// The folder of real-world pages (`shared/corpus/real-pages`), when the environment names it.
private let realPagesFolder = ProcessInfo.processInfo.environment["LEADSMITH_REAL_PAGES"]

/// Parses every real-world page in `LEADSMITH_REAL_PAGES` (run by `scripts/real-pages-bench.sh`):
/// each must parse, give its body's innerText, its JSON-LD script text and its links, without a
/// crash. Skipped when the variable is not set (CI has no corpus).
struct RealPagesTests {
    @Test(.enabled(if: realPagesFolder != nil, "set LEADSMITH_REAL_PAGES to the real-pages folder"))
    func everyRealPageParses() throws {
        let folder = URL(fileURLWithPath: try #require(realPagesFolder))
        // Recursive, so a site snapshot folder (`<domain>/index.html`, …) works too.
        let names = (FileManager.default.subpaths(atPath: folder.path) ?? [])
            .filter { $0.hasSuffix(".html") || $0.hasSuffix(".htm") }
            .sorted()
        try #require(!names.isEmpty, "no .html files in \(folder.path)")

        let clock = ContinuousClock()
        var parseTime = Duration.zero
        var textTime = Duration.zero
        var queryTime = Duration.zero
        var totalBytes = 0
        var textBytes = 0
        var elements = 0
        var links = 0
        var jsonLD = 0
        var encodings: [String: Int] = [:]
        var failures: [String] = []
        var mojibake: [String] = []
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            totalBytes += bytes.count
            let start = clock.now
            let document: HTMLDocument
            do {
                document = try HTMLDocument.parse(bytes, url: "file:///\(name)")
            } catch {
                failures.append("\(name): \(error)")
                continue
            }
            let parsed = clock.now
            let text = document.body?.innerText ?? document.root?.innerText ?? ""
            document.walk { node in
                elements += 1
                return node.isElement(named: "script") || node.isElement(named: "style") ? .skipChildren : .descend
            }
            let texted = clock.now
            let scripts = try document.select("//script[@type='application/ld+json']")
            jsonLD += scripts.filter { !$0.rawText.isEmpty }.count
            links += try document.select("//a[@href]").count
            let queried = clock.now
            parseTime += parsed - start
            textTime += texted - parsed
            queryTime += queried - texted
            textBytes += text.utf8.count
            // UTF-8 read as windows-1252 ("Ã©", "â€™") or undecodable bytes: a sign of a wrong encoding.
            if text.contains("Ã") || text.contains("â€") || text.contains("\u{FFFD}") { mojibake.append(name) }
            encodings[document.encoding, default: 0] += 1
        }
        let megabytes = Double(totalBytes) / 1_048_576
        let encodingSummary = encodings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print("""
            real-pages: \(names.count - failures.count)/\(names.count) parsed, \(String(format: "%.1f", megabytes)) MB, \
            \(elements) elements, \(links) links, \(jsonLD) JSON-LD scripts, \(textBytes) bytes of body text
            real-pages: parse \(parseTime), innerText+walk \(textTime), 2 XPath queries \(queryTime)
            real-pages: encodings \(encodingSummary)
            real-pages: \(mojibake.count) pages with mojibake or U+FFFD in their text\(mojibake.isEmpty ? "" : ", e.g. \(mojibake.prefix(5))")
            """)
        #expect(failures.isEmpty, "pages that did not parse: \(failures)")
    }
}
