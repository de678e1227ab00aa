import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LeadCore
import LeadMetrics
import LeadPipeline
import LeadQueue
import LeadResearch
import LeadTestSupport
import Prometheus
import Testing

/// `work --metrics`: a worker's counters, the research pages and the queue depth, scraped over HTTP
/// from the Prometheus endpoint as a Prometheus server would.
struct MetricsTests {
    /// One scraped sample per `name{labels}` (labels sorted), e.g. `leadsmith_queue_finished_total{kind=lead}`.
    static func scrape(port: Int, path: String = "/metrics") async throws -> (status: Int, type: String, samples: [String: Double]) {
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
        let http = try #require(response as? HTTPURLResponse)
        var samples: [String: Double] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            var key = String(line[..<space])
            if let open = key.firstIndex(of: "{"), key.hasSuffix("}") {
                let labels = key[key.index(after: open)..<key.index(before: key.endIndex)]
                    .split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") }.sorted()
                key = String(key[..<open]) + "{" + labels.joined(separator: ",") + "}"
            }
            samples[key] = value
        }
        return (http.statusCode, http.value(forHTTPHeaderField: "Content-Type") ?? "", samples)
    }

    @Test(arguments: Backend.available)
    func workMetricsAreServedAndCountWhatTheWorkerDid(_ backend: Backend) async throws {
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetricsFactory(registry: registry)
        let server = try await MetricsServer.start(host: "127.0.0.1", port: 0, registry: registry)
        defer { Task { await server.stop() } }
        #expect(server.port > 0)
        try await backend.withQueue { driver, f in
            for input in f.inputs { _ = try await f.enqueuer(driver).enqueue(path: input, again: false) }
            // One job that cannot be read: it fails twice and is parked dead.
            _ = try await driver.enqueue(EnqueueChunk(batch: f.batch, hash: "broken", generation: 1,
                                                      records: [QueuedRecord(recordNumber: 1, source: "newsletter", personKey: "broken",
                                                                             domain: nil, data: "not a stored record")],
                                                      rejects: []), now: Date())
            let researcher = try LeadStages.snapshotResearcher(sitesDirectory: f.sites, rules: TestSupport.rules) {
                MeteredPageSource($0, factory: factory)
            }
            var config = WorkerConfiguration()
            config.batch = f.batch
            config.pollInterval = 0.02
            config.backoffBase = 0
            config.maxAttempts = 2
            let worker = QueueWorker(driver: driver, stages: QueueFixture.stages, researcher: researcher, configuration: config,
                                     logger: QueueFixture.logger, metrics: QueueMetrics(factory: factory))
            try await worker.run()
            let stats = worker.stats
            let status = try await driver.status(batch: f.batch, now: Date())

            let scraped = try await Self.scrape(port: server.port)
            #expect(scraped.status == 200 && scraped.type.hasPrefix("text/plain; version=0.0.4"))
            let s = scraped.samples
            #expect(s["leadsmith_queue_finished_total{kind=lead}"] == Double(stats.leads))
            #expect(s["leadsmith_queue_finished_total{kind=domain}"] == Double(stats.domains))
            #expect(stats.leads > 0 && stats.domains > 0)
            #expect(s["leadsmith_queue_claimed_total{kind=lead}"] == Double(stats.leads + 2), "every job once, the broken one twice")
            #expect(s["leadsmith_queue_claimed_total{kind=domain}"] == Double(stats.domains))
            #expect(s["leadsmith_queue_failed_total{kind=lead}"] == 2)
            #expect(s["leadsmith_queue_dead_total{kind=lead}"] == 1)
            #expect(s["leadsmith_queue_depth{kind=lead,state=done}"] == Double(status.jobs["done"] ?? -1))
            #expect(s["leadsmith_queue_depth{kind=lead,state=dead}"] == 1)
            #expect(s["leadsmith_queue_depth{kind=lead,state=pending}"] == 0)
            #expect(s["leadsmith_queue_depth{kind=domain,state=done}"] == Double(status.domains["done"] ?? -1))
            // Research: the snapshot's pages by status, and one latency observation per fetch.
            let pages = s.filter { $0.key.hasPrefix("leadsmith_research_pages_total{") }
            #expect((pages["leadsmith_research_pages_total{outcome=ok,status=200}"] ?? 0) > 0)
            #expect(pages.values.reduce(0, +) == s["leadsmith_research_fetch_duration_seconds_count"])
            #expect(s["leadsmith_research_fetch_duration_seconds_bucket{le=+Inf}"] == s["leadsmith_research_fetch_duration_seconds_count"])

            let other = try await Self.scrape(port: server.port, path: "/")
            #expect(other.status == 404)
        }
        await server.stop()
    }

    @Test(arguments: [("127.0.0.1:9464", "127.0.0.1", 9464), (":9464", "127.0.0.1", 9464), ("[::1]:0", "::1", 0),
                      ("localhost:80", "localhost", 80)])
    func endpointsParse(_ text: String, _ host: String, _ port: Int) {
        #expect(MetricsEndpoint(parsing: text) == MetricsEndpoint(host: host, port: port))
    }

    @Test(arguments: ["9464", "host:", "host:99999", "host:x", "a b:1"])
    func badEndpointsAreRefused(_ text: String) {
        #expect(MetricsEndpoint(parsing: text) == nil)
    }
}
