import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LeadCore
import LeadHandoff
import LeadPipeline
import LeadTestSupport
import Logging
import Testing

/// The HTML run report: well-formed (an XML parser reads it without errors), self-contained, and
/// every number on it is the JSON report's number at the path the element names.
struct ReportHTMLTests {
    /// What the parser saw: elements with a JSON reference and their text, and loose text with digits.
    final class Collector: NSObject, XMLParserDelegate {
        struct Ref { var kind: String; var path: String; var format: String; var text: String }
        var refs: [Ref] = []
        var looseDigits: [String] = []
        var elements: [String] = []
        var attributes: [[String: String]] = []
        private var stack: [(name: String, ref: Ref?, text: String)] = []
        private var inStyle = 0

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes a: [String: String] = [:]) {
            elements.append(name)
            attributes.append(a)
            if name == "style" { inStyle += 1 }
            var ref: Ref? = nil
            if let p = a["data-path"] { ref = Ref(kind: "path", path: p, format: a["data-format"] ?? "int", text: "") }
            else if let p = a["data-text"] { ref = Ref(kind: "text", path: p, format: "", text: "") }
            else if let k = a["data-key"] { ref = Ref(kind: "key", path: k, format: "", text: "") }
            stack.append((name, ref, ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
            if inStyle == 0, !stack.contains(where: { $0.ref != nil }), string.contains(where: \.isNumber) {
                looseDigits.append(string)
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let top = stack.removeLast()
            if name == "style" { inStyle -= 1 }
            if var ref = top.ref {
                ref.text = top.text
                refs.append(ref)
            }
            if !stack.isEmpty { stack[stack.count - 1].text += top.text }
        }
    }

    static func format(_ v: JSONValue?, _ f: String) -> String? {
        guard let v else { return nil }
        switch f {
        case "percent": return v.doubleValue.map { String(format: "%.1f%%", $0 * 100) }
        case "days": return v.doubleValue.map { String(format: "%.1f d", $0 / 24) }
        case "ms": return v.intValue.map { "\($0) ms" }
        default: return v.intValue.map(String.init)
        }
    }

    static func keys(_ v: JSONValue, into set: inout Set<String>) {
        switch v {
        case .object(let pairs): for (k, x) in pairs { set.insert(k); keys(x, into: &set) }
        case .array(let items): for x in items { keys(x, into: &set) }
        default: break
        }
    }

    func runReports() async throws -> (json: JSONValue, html: String) {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fx = RunJobTests.fixtures.path
        let now = try #require(ISO8601DateFormatter().date(from: "2024-12-01T12:00:00Z"))
        var options = RunOptions(inputs: [fx + "/leads/signups.csv", fx + "/leads/forms.ndjson"], sitesDirectory: fx + "/sites",
                                 rules: TestSupport.rules, outPath: dir.appendingPathComponent("out").path, all: true)
        options.now = now
        options.suppression = try SuppressionList(text: "x@nowhere-site.fr\n", file: "dnc.txt")
        let report = try await RunJob(options: options, logger: Logger(label: "test")).run()
        return (report.json, ReportHTML.page(report.json))
    }

    @Test func wellFormedSelfContainedAndEveryNumberIsTheReports() async throws {
        let (json, html) = try await runReports()
        let parser = XMLParser(data: Data(html.utf8))
        let c = Collector()
        parser.delegate = c
        #expect(parser.parse(), "XML parse error: \(String(describing: parser.parserError))")
        #expect(c.elements.first == "html")

        // Self-contained: no scripts, no external references.
        #expect(!c.elements.contains("script") && !c.elements.contains("link") && !c.elements.contains("img"))
        for a in c.attributes {
            for key in ["src", "href"] { #expect(a[key] == nil, "external reference \(a)") }
        }
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/", with: "").contains("http://"))

        // Every number shown is read from the JSON at the path it names.
        #expect(c.refs.filter { $0.kind == "path" }.count > 100)
        var keys = Set<String>()
        Self.keys(json, into: &keys)
        for ref in c.refs {
            switch ref.kind {
            case "path":
                let expected = Self.format(json.pointer(ref.path), ref.format)
                #expect(expected != nil, "no number at \(ref.path)")
                #expect(ref.text == expected, "\(ref.path): page shows \(ref.text), JSON has \(expected ?? "nothing")")
            case "text":
                #expect(ref.text == json.pointer(ref.path)?.text, "\(ref.path)")
            default:
                #expect(keys.contains(ref.path) && ref.text == ref.path, "label \(ref.path) is a report key")
            }
        }
        #expect(c.looseDigits.isEmpty, "digits outside any JSON-backed element: \(c.looseDigits)")

        // The sections the hand-off asks for, each figure focusable with a captioned table.
        for heading in ["Funnel per source", "Scores and grades", "Why leads drop out", "Field fill rates by method",
                        "Lead age at hand-off", "Research and run"] {
            #expect(html.contains(heading))
        }
        let figures = c.elements.filter { $0 == "figure" }.count
        #expect(figures >= 9)
        #expect(c.elements.filter { $0 == "table" }.count == figures, "a table behind every chart")
        #expect(c.attributes.filter { $0["tabindex"] == "0" }.count == figures)
        #expect(c.elements.filter { $0 == "caption" }.count == c.elements.filter { $0 == "table" }.count)
        #expect(html.contains("@media print"))
    }

    @Test func theJSONCarriesWhatThePageShows() async throws {
        let (json, _) = try await runReports()
        #expect(json.pointer("counts/suppressed")?.intValue == 1)
        #expect(json.pointer("funnel/download/suppressed")?.intValue == 1)
        // Per source, records = leads + merged + rejected + suppressed, and the sources add up to `in`.
        var total = 0
        for (src, f) in json["funnel"]?.pairs ?? [] {
            let parts = ["leads", "merged", "rejected", "suppressed"].compactMap { f[$0]?.intValue }.reduce(0, +)
            #expect(f["records"]?.intValue == parts, "\(src)")
            total += f["records"]?.intValue ?? 0
        }
        #expect(total == json.pointer("counts/in")?.intValue)
        #expect(json.pointer("grades")?.pairs.map(\.0) == ["A", "B", "C", "D"])
        #expect(json.pointer("score_histogram")?.items.count == 10)
        #expect(json.pointer("reject_reasons_top/0/examples/0/file")?.text?.hasSuffix("forms.ndjson") == true)
        #expect(json.pointer("reject_reasons_top/0/examples/0/line")?.intValue ?? 0 > 0)
        #expect(json.pointer("fill/company.employees/by_method/json-ld")?.intValue ?? 0 > 0)
        #expect(json.pointer("lead_age/newsletter/leads")?.intValue == 1, "Jan (first seen in the CSV) has the form's submittedAt")
        #expect(json.pointer("run/at")?.text == "2024-12-01T12:00:00Z")
        #expect(json.pointer("disqualification_reasons")?.items.isEmpty == false)
    }
}
