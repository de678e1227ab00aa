import Foundation
import LeadCore
import LeadHandoff
import LeadPipeline
import LeadQueue
import LeadTestSupport
import Testing

/// The hand-off on the durable queue: enqueue --suppress, export --format/--suppress/--retain-days,
/// and the report of a batch.
struct QueueHandoffTests {
    func drained(_ driver: any QueueDriver, _ f: QueueFixture, suppression: SuppressionList? = nil) async throws -> [Enqueuer.FileReport] {
        var enqueuer = f.enqueuer(driver)
        enqueuer.suppression = suppression
        var reports: [Enqueuer.FileReport] = []
        for input in f.inputs { reports.append(try await enqueuer.enqueue(path: input, again: false)) }
        try await f.worker(driver).run()
        return reports
    }

    func export(_ driver: any QueueDriver, _ f: QueueFixture, _ configure: (inout Exporter) -> Void) async throws -> (Data, Exporter.Report) {
        let out = f.dir.appendingPathComponent("handoff-\(UUID().uuidString)").path
        var exporter = Exporter(driver: driver, batch: f.batch, statuses: nil, pageSize: 2)
        configure(&exporter)
        let report = try await exporter.export(out: out, rejectsPath: nil)
        return (try Data(contentsOf: URL(fileURLWithPath: out)), report)
    }

    @Test(arguments: Backend.available)
    func enqueueSuppressStoresNothingOfThePerson(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            let list = try SuppressionList(text: "jan.devries@acme-tools.nl\n", file: "dnc.txt")
            let reports = try await drained(driver, f, suppression: list)
            #expect(reports.map(\.suppressed).reduce(0, +) == 3, "two CSV rows and the +tag form")
            let (data, _) = try await export(driver, f) { _ in }
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.lowercased().contains("devries"))
            #expect(text.contains("anna.deboer@acme-tools.nl"))
            #expect(TestSupport.schemaErrors(leads: text).isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func exportSuppressRetainAndFormat(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            _ = try await drained(driver, f)
            let (all, plain) = try await export(driver, f) { _ in }
            let list = try SuppressionList(text: "acme-old.nl\n", file: "dnc.txt")  // Piet's domain before its redirect
            let (kept, report) = try await export(driver, f) { $0.suppression = list; $0.retainUntil = "2030-01-31" }
            #expect(report.suppressed == 1, "Piet: his company acme-tools.nl was reached from the listed acme-old.nl")
            #expect(report.leads == plain.leads - report.suppressed)
            let keptText = String(decoding: kept, as: UTF8.self)
            #expect(!keptText.contains("piet@") && !keptText.contains("acme-old.nl"))
            #expect(keptText.contains("anna.deboer@acme-tools.nl"), "colleagues at the redirect target are not listed")
            for line in TestSupport.lines(keptText) { #expect(line.hasSuffix(",\"retain_until\":\"2030-01-31\"}")) }
            #expect(TestSupport.schemaErrors(leads: keptText).isEmpty)

            let (csv, csvReport) = try await export(driver, f) { $0.format = .pipedrive }
            #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let rows = String(decoding: csv.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(rows.first?.hasPrefix("Person - Name,Person - First name,") == true)
            #expect(csvReport.leads == TestSupport.lines(String(decoding: all, as: UTF8.self)).count)
        }
    }

    @Test(arguments: Backend.available)
    func theBatchReportCountsWhatTheQueueHolds(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            _ = try await drained(driver, f)
            let run = try await f.runAll()
            let report = try await QueueReport.json(driver: driver, batch: f.batch)
            let leads = TestSupport.lines(run.leads).count
            #expect(report.pointer("counts/leads")?.intValue == leads)
            #expect(report.pointer("counts/rejects")?.intValue == TestSupport.lines(run.rejects).count)
            #expect(report.pointer("counts/in")?.intValue == 11)
            let funnelRecords = (report["funnel"]?.pairs ?? []).compactMap { $0.1["records"]?.intValue }.reduce(0, +)
            #expect(funnelRecords == 11)
            #expect(report.pointer("reject_reasons_top/0/examples/0/line")?.intValue ?? 0 > 0)
            let html = ReportHTML.page(report)
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Funnel per source"))
        }
    }
}
