import Foundation
import LeadCore
import LeadHandoff
import LeadPipeline
import LeadResearch
import LeadTestSupport
import Logging
import Testing

/// A page source that records every domain asked for (the snapshot answers).
final class RecordingSource: PageSource, @unchecked Sendable {
    // Safety: `asked` is only touched under `lock`.
    let inner: SnapshotPageSource
    private let lock = NSLock()
    private var asked: [String] = []

    init(_ dir: String) throws { inner = try SnapshotPageSource(directory: URL(fileURLWithPath: dir)) }

    var domains: Set<String> { lock.lock(); defer { lock.unlock() }; return Set(asked) }
    private func note(_ d: String) { lock.lock(); asked.append(d); lock.unlock() }

    func fetch(_ request: PageRequest) async -> PageResponse { note(request.domain); return await inner.fetch(request) }
    func domainRedirect(from domain: String) async -> (to: String, status: Int)? { note(domain); return await inner.domainRedirect(from: domain) }
    func hasSite(_ domain: String) async -> Bool { note(domain); return await inner.hasSite(domain) }
}

/// `run` with the hand-off options: suppression before research, retain_until, consent evidence,
/// CRM CSV and the HTML report.
struct HandoffRunTests {
    static let fixtures = RunJobTests.fixtures
    static let inputs = [fixtures.path + "/leads/signups.csv", fixtures.path + "/leads/forms.ndjson"]

    struct Result {
        var out: String
        var outBytes: Data
        var rejects: String
        var report: String
        var summary: RunReport
    }

    func run(inputs: [String] = Self.inputs, _ configure: (inout RunOptions) -> Void = { _ in },
             source: (any PageSource)? = nil, reportName: String = "report.json") async throws -> Result {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = ["out", "rejects", reportName].map { dir.appendingPathComponent($0).path }
        var options = RunOptions(inputs: inputs, sitesDirectory: source == nil ? Self.fixtures.path + "/sites" : nil,
                                 rules: TestSupport.rules, outPath: paths[0], all: true, rejectsPath: paths[1], reportPath: paths[2])
        options.liveSource = source
        configure(&options)
        let summary = try await RunJob(options: options, logger: Logger(label: "test")).run()
        let written = try String(contentsOfFile: paths[0], encoding: .utf8)
        let invalid = TestSupport.schemaErrors(leads: options.format == .ndjson ? written : "",
                                               rejects: try String(contentsOfFile: paths[1], encoding: .utf8))
        #expect(invalid.isEmpty, "schemas/: \(invalid.prefix(5))")
        return Result(out: try String(contentsOfFile: paths[0], encoding: .utf8),
                      outBytes: try Data(contentsOf: URL(fileURLWithPath: paths[0])),
                      rejects: try String(contentsOfFile: paths[1], encoding: .utf8),
                      report: try String(contentsOfFile: paths[2], encoding: .utf8), summary: summary)
    }

    @Test func suppressedPeopleAreNeverResearchedAndWrittenNowhere() async throws {
        let source = try RecordingSource(Self.fixtures.path + "/sites")
        let list = try SuppressionList(text: "# opt-outs\njan.devries@acme-tools.nl\nnowhere-site.fr\n", file: "dnc.txt")
        let r = try await run({ $0.suppression = list }, source: source)
        // Jan has three records (two CSV rows and a form, one with a +tag), x@nowhere-site.fr one.
        #expect(r.summary.suppressed == 4)
        #expect(r.summary.recordsIn == 11)
        #expect(r.summary.leads == 5)
        #expect(r.summary.merged == 0)
        #expect(r.summary.balanced)
        #expect(r.summary.accountingLine.hasPrefix("in 11 = leads 5 + rejects 2 + merged 0 + suppressed 4"))
        for text in [r.out, r.rejects, r.report] {
            #expect(!text.lowercased().contains("devries"), "a suppressed address is written nowhere")
            #expect(!text.contains("nowhere-site"))
        }
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.report.utf8)) as? [String: Any])
        #expect((report["counts"] as? [String: Any])?["suppressed"] as? Int == 4)
        #expect(!source.domains.contains("nowhere-site.fr"), "a suppressed domain is never researched")
        #expect(source.domains.contains("acme-tools.nl"), "Anna's company is still researched")
        #expect(TestSupport.lines(r.out).count == 5)
    }

    @Test func aLaterRecordOnTheListSuppressesTheWholePerson() async throws {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try TestSupport.write("""
            Email,First Name,Website
            pat@corp-one.example,Pat,
            someone@other.example,Sam,
            Pat@Corp-One.example,Pat,https://www.opted-out.example/
            """ + "\n", to: dir, name: "in.csv")
        let list = try SuppressionList(text: "opted-out.example\n", file: "dnc.txt")
        let r = try await run(inputs: [csv], { $0.suppression = list })
        #expect(r.summary.suppressed == 2)
        #expect(r.summary.leads == 1)
        #expect(r.summary.merged == 0)
        #expect(r.summary.balanced)
        #expect(!r.out.contains("pat@"))
        #expect(r.out.contains("someone@other.example"))
    }

    @Test func retainUntilIsTheRunDatePlusNDays() async throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2025-03-01T23:30:00Z"))
        let r = try await run({ $0.retainDays = 30; $0.now = now })
        let lines = TestSupport.lines(r.out)
        #expect(!lines.isEmpty)
        for line in lines { #expect(line.hasSuffix(",\"retain_until\":\"2025-03-31\"}")) }
        let plain = try await run()
        #expect(!plain.out.contains("retain_until"), "without --retain-days the line is unchanged")
        #expect(LeadStages.retainUntil(from: now, days: 366) == "2026-03-02")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.report.utf8)) as? [String: Any])
        #expect((report["run"] as? [String: Any])?["at"] as? String == "2025-03-01T23:30:00Z")
    }

    @Test func consentEvidenceFromFormsAndNewsletterExportsIsCarried() async throws {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let forms = try TestSupport.write("""
            {"conversionId":"f1","submittedAt":1732715278000,"fields":[{"name":"email","value":"lena@werk.example"},{"name":"legal_basis","value":"legitimate_interest"}],"consent":{"consentToProcess":true,"text":"Ich willige in die Verarbeitung meiner Daten ein.","communications":[{"value":false,"subscriptionTypeId":42,"text":"Newsletter"}]}}
            {"conversionId":"f2","submittedAt":1732715278000,"fields":[{"name":"email","value":"bare@werk.example"}],"consent":{"consentToProcess":true}}
            """ + "\n", to: dir, name: "forms.ndjson")
        let csv = try TestSupport.write("""
            "Email Address","First Name","OPTIN_TIME","CONFIRM_TIME"
            "kim@shop.example","Kim","2024-05-01 09:00:00","2024-05-01 09:05:10"
            """ + "\n", to: dir, name: "news.csv")
        let r = try await run(inputs: [forms, csv])
        let leads = try TestSupport.ndjsonObjects(r.out)
        func detail(_ email: String) -> [String: Any]? {
            let lead = leads.first { (($0["person"] as? [String: Any])?["email"] as? String) == email }
            return (lead?["person"] as? [String: Any])?["consent_detail"] as? [String: Any]
        }
        let lena = try #require(detail("lena@werk.example"))
        #expect(lena["basis"] as? String == "legitimate_interest")
        #expect(lena["text"] as? String == "Ich willige in die Verarbeitung meiner Daten ein.")
        let comms = try #require(lena["communications"] as? [[String: Any]])
        #expect(comms.count == 1)
        #expect(comms.first?["id"] as? String == "42")
        #expect(comms.first?["granted"] as? Bool == false)
        #expect((lena["source"] as? [String: Any])?["record"] as? Int == 1)
        let kim = try #require(detail("kim@shop.example"))
        #expect(kim["basis"] as? String == "consent")
        #expect(kim["opt_in_at"] as? String == "2024-05-01 09:00:00")
        #expect(kim["confirmed_at"] as? String == "2024-05-01 09:05:10")
        #expect(detail("bare@werk.example") == nil, "no evidence beyond yes/no: the line keeps its old shape")
    }

    @Test func crmFormatWritesTheImporterCSV() async throws {
        let r = try await run({ $0.format = .salesforce })
        #expect(Array(r.outBytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 byte order mark")
        #expect(String(decoding: r.outBytes.dropFirst(3), as: UTF8.self).hasPrefix("First Name,Last Name,Title,Email,"))
        let rows = r.out.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == r.summary.written + 1)
        #expect(!r.out.contains("{\"schema\""))
    }

    @Test func anHTMLReportPathWritesThePage() async throws {
        let r = try await run(reportName: "report.html")
        #expect(r.report.hasPrefix("<!DOCTYPE html>"))
        #expect(!r.report.contains("<script"))
        #expect(r.report.contains("Funnel per source"))
    }
}
