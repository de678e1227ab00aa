import ArgumentParser
import Foundation
import LeadCore
import LeadMetrics
import LeadPipeline
import LeadQueue
import LeadResearch
import Logging
import Metrics
import Prometheus

/// `leadsmith work`: drain the queue.
struct WorkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "work",
        abstract: "Process queued jobs: research each company domain once per batch, then qualify and store each lead.",
        discussion: """
        Exits 0 when no job is left (or keeps waiting with --follow). SIGTERM/SIGINT stop claiming,
        finish the job in hand, give back the other leases and exit 0; a second signal exits at once
        (expired leases are then taken over by any worker). Run several workers on one PostgreSQL queue
        to share a batch. Give each worker a stable --worker-id (e.g. the host name of a service) and a
        restarted worker takes its own unfinished jobs back at once instead of waiting for their leases
        to expire. --metrics serves Prometheus metrics at http://HOST:PORT/metrics while it runs.
        Examples:
          leadsmith work --sites samples/sites
          leadsmith work --queue postgres://leadsmith@db:5432/leads?sslmode=verify-full --sites /data/sites --follow \\
            --worker-id "$(hostname)-1" --metrics 127.0.0.1:9464
        """
    )

    @Option(help: ArgumentHelp("Offline site snapshot folder; without it leads are written without web research.", valueName: "DIR"))
    var sites: String?

    @Flag(help: "Keep waiting for new jobs instead of exiting when the queue is drained.")
    var follow = false

    @Option(help: ArgumentHelp("ICP rule file to qualify with instead of RULES/icp.yaml.", valueName: "FILE"))
    var icp: String?

    @Option(help: ArgumentHelp("Company domains researched at once.", valueName: "N"))
    var concurrency = 4

    @Option(help: ArgumentHelp("Lead jobs claimed per transaction.", valueName: "N"))
    var claim = 32

    @Option(help: ArgumentHelp("Lease length in seconds: a job held this long without a heartbeat goes to another worker.", valueName: "SECONDS"))
    var lease: Double = 60

    @Option(help: ArgumentHelp("Claims of a job before it is parked as dead.", valueName: "N"))
    var maxAttempts = 5

    @Option(help: ArgumentHelp("A stable name for this worker's leases: a worker restarted under the same id takes its unfinished jobs back at once. Must be unique among running workers (default: unique per process).",
                               valueName: "ID"))
    var workerID: String?

    @Option(help: ArgumentHelp("Serve Prometheus metrics at http://HOST:PORT/metrics (e.g. 127.0.0.1:9464; keep it on loopback unless a scraper elsewhere needs it).",
                               valueName: "HOST:PORT"))
    var metrics: String?

    @Flag(help: "Do not print the summary on stderr.")
    var quiet = false

    @OptionGroup var queueOptions: QueueOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard concurrency >= 1, claim >= 1, maxAttempts >= 1 else {
            throw ValidationError("--concurrency, --claim and --max-attempts must be at least 1")
        }
        guard lease >= 0.2 else { throw ValidationError("--lease must be at least 0.2 seconds") }
        if let workerID {
            guard !workerID.isEmpty, workerID.count <= 200, !workerID.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw ValidationError("--worker-id must be 1 to 200 printable characters")
            }
        }
        if let metrics, MetricsEndpoint(parsing: metrics) == nil {
            throw ValidationError("--metrics wants HOST:PORT (e.g. 127.0.0.1:9464), got \(metrics)")
        }
    }

    func run() async throws {
        do {
            let rules = try common.ruleFiles()
            let stages = try LeadStages(rules: rules, icpFile: icp)
            let endpoint = metrics.flatMap(MetricsEndpoint.init(parsing:))
            let registry = PrometheusCollectorRegistry()
            let factory = PrometheusMetricsFactory(registry: registry)
            let researcher = try sites.map { s throws(LeadsmithError) in
                try LeadStages.snapshotResearcher(sitesDirectory: s, rules: rules) { source in
                    endpoint == nil ? source : MeteredPageSource(source, factory: factory)
                }
            }
            if sites == nil && !quiet {
                FileHandle.standardError.write(Data("leadsmith: no --sites given: leads are written without web research\n".utf8))
            }
            var config = workerID.map(WorkerConfiguration.init(workerID:)) ?? WorkerConfiguration()
            config.batch = queueOptions.batch
            config.follow = follow
            config.claimSize = claim
            config.researchConcurrency = concurrency
            config.lease = lease
            config.maxAttempts = maxAttempts
            let logger = common.logger("leadsmith.work")
            var server: MetricsServer?
            if let endpoint {
                do {
                    server = try await MetricsServer.start(host: endpoint.host, port: endpoint.port, registry: registry)
                } catch {
                    throw LeadsmithError(.usage, "--metrics: cannot listen on \(endpoint.host):\(endpoint.port): \(error)")
                }
                if !quiet, let server {
                    FileHandle.standardError.write(Data("leadsmith work: metrics at http://\(server.host):\(server.port)/metrics\n".utf8))
                }
            }
            let queueMetrics = endpoint == nil ? nil : QueueMetrics(factory: factory)
            let outcome: Result<WorkerStats, any Error>
            do {
                outcome = .success(try await QueueConnection.with(try queueOptions.location(), logger: logger) { driver in
                    let worker = QueueWorker(driver: driver, stages: stages, researcher: researcher, configuration: config,
                                             logger: logger, metrics: queueMetrics, onShutdownRequest: SecondSignal.exitAtOnce)
                    try await worker.runHandlingSignals()
                    return worker.stats
                })
            } catch {
                outcome = .failure(error)
            }
            await server?.stop()
            let stats = try outcome.get()
            if !quiet {
                let how = stats.stoppedEarly ? "stopped on request" : "queue drained"
                FileHandle.standardError.write(Data(("leadsmith work: \(how): \(stats.leads) leads, \(stats.domains) domains researched, "
                    + "\(stats.failures) failed attempts\n").utf8))
            }
        } catch let e as LeadsmithError {
            throw fail(e)
        }
    }
}

/// After the first SIGTERM/SIGINT started a graceful shutdown, a second one ends the process at once.
enum SecondSignal {
    @Sendable static func exitAtOnce() {
        FileHandle.standardError.write(Data("leadsmith work: finishing the job in hand and releasing leases; send the signal again to exit at once\n".utf8))
        for sig in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { _exit(128 + sig) }
            source.resume()
            sources.append(source)
        }
    }

    /// Keeps the sources alive; touched only from the one shutdown callback.
    nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []
}
