import Foundation
import LeadCore
import LeadFetch
import LeadHandoff
import LeadPipeline
import LeadTestSupport
import Logging
import Testing

/// `run --suppress` with live research against the loopback server: a suppressed domain (and the
/// domain of a suppressed address) receives no request at all, not even robots.txt.
struct SuppressionFetchTests {
    @Test func aSuppressedDomainIsNeverFetched() async throws {
        let server = try await LoopbackServer.start { host, path, _ in
            if path == "/robots.txt" { return .page(status: 200, headers: [("content-type", "text/plain")], body: Array("User-agent: *\nAllow: /\n".utf8)) }
            return .html("<html><head><title>\(host)</title></head><body><h1>\(host)</h1><a href='/about'>About us</a></body></html>")
        }
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try TestSupport.write("""
            Email,First Name,Last Name,Company
            eva.meyer@keepme-gmbh.de,Eva,Meyer,Keepme GmbH
            tom@optout-bv.nl,Tom,Visser,Optout BV
            ines@optout-bv.nl,Ines,Bakker,Optout BV
            paul@person-only.fr,Paul,Durand,Person Only
            """ + "\n", to: dir, name: "signups.csv")
        let list = try TestSupport.write("optout-bv.nl\n\(SuppressionList.sha256("paul@person-only.fr"))  # hashed address\n", to: dir, name: "dnc.txt")
        let source = try await makeLiveSource(server: server, hosts: ["keepme-gmbh.de", "optout-bv.nl", "person-only.fr"])
        let out = dir.appendingPathComponent("out.ndjson").path
        var options = RunOptions(inputs: [csv], rules: TestSupport.rules, outPath: out, all: true)
        options.liveSource = source
        options.suppression = try SuppressionList(file: list)
        let report = try await RunJob(options: options, logger: Logger(label: "test")).run()
        await source.shutdown()
        await server.stop()

        #expect(report.suppressed == 3)
        #expect(report.leads == 1)
        #expect(report.balanced)
        #expect(server.requests(host: "optout-bv.nl").isEmpty, "suppressed domain: \(server.requests(host: "optout-bv.nl").map(\.path))")
        #expect(server.requests(host: "person-only.fr").isEmpty, "the only lead at this domain is suppressed by hash")
        #expect(!server.requests(host: "keepme-gmbh.de").isEmpty, "the test server does answer: the other company is read")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(TestSupport.schemaErrors(leads: written).isEmpty)
        #expect(written.contains("eva.meyer@keepme-gmbh.de"))
        #expect(!written.contains("optout") && !written.contains("paul"))
    }
}
