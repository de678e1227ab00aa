public import Foundation
import LeadCore
import LeadIntake
public import LeadPipeline
public import LeadResearch
public import Logging
public import ServiceLifecycle
import UnixSignals

/// How a worker claims, leases and retries. Defaults suit a nightly batch on one machine.
public struct WorkerConfiguration: Sendable {
    /// Only this batch; `nil` works on every batch in the queue.
    public var batch: String?
    /// Keep waiting for new jobs when the queue is empty (`--follow`); otherwise exit when drained.
    public var follow = false
    /// Lead jobs claimed per transaction.
    public var claimSize = 32
    /// Domains researched at once (and claimed per transaction).
    public var researchConcurrency = 4
    /// How long a claim is valid without a heartbeat; an expired lease is taken over by any worker.
    public var lease: TimeInterval = 60
    /// Claims of one job before it is parked as `dead` (failures and expired leases both count).
    public var maxAttempts = 5
    /// The first retry waits this long; each next one twice as long (capped at 5 minutes).
    public var backoffBase: TimeInterval = 2
    /// How long an idle worker waits before looking for jobs again.
    public var pollInterval: TimeInterval = 0.5
    /// The lease owner name: unique per process (`host:pid:random`) unless a worker id is given.
    public var owner: String
    /// Whether ``owner`` is a stable worker id (`--worker-id`): the worker then ends the leases a
    /// previous process under the same id left behind as it starts, and takes those jobs back at once.
    public var reclaimsOwnLeases = false
    /// How often the queue depth gauges are refreshed while metrics are recorded.
    public var depthInterval: TimeInterval = 5

    /// The defaults with a fresh owner name.
    public init() {
        owner = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
    }

    /// The defaults under a stable worker id (`--worker-id`). The id must be unique among the
    /// workers running at one time: two live processes under one id would share their leases.
    public init(workerID: String) {
        owner = workerID
        reclaimsOwnLeases = true
    }

    /// When to retry after the `attempts`-th failed claim; `nil` means give up (dead).
    public func retryAt(attempts: Int, now: Date) -> Date? {
        guard attempts < maxAttempts else { return nil }
        let delay = min(300, backoffBase * pow(2, Double(max(0, attempts - 1))))
        return now.addingTimeInterval(delay)
    }
}

/// What one worker did.
public struct WorkerStats: Sendable, Equatable {
    /// Lead jobs completed (results written).
    public var leads = 0
    /// Domains researched and stored.
    public var domains = 0
    /// Failed attempts (retried or dead).
    public var failures = 0
    /// Completions refused because the lease was lost to another worker.
    public var lostLeases = 0
    /// Whether the worker stopped because of a shutdown request.
    public var stoppedEarly = false
}

/// `leadsmith work`: drains the queue as a ``Service``: research claimed domains, then build each
/// claimed person's lead line with `run`'s stages and store it in the transaction that completes
/// the job.
///
/// On graceful shutdown (SIGTERM/SIGINT through a `ServiceGroup`) it stops claiming, finishes the
/// job in hand, gives back the leases it still holds and returns.
public final class QueueWorker: Service, @unchecked Sendable {
    // Safety: the mutable state (stats, cache, stop flag) is guarded by `lock`; `run()` is called once.
    let driver: any QueueDriver
    let stages: LeadStages
    let researcher: CompanyResearcher?
    /// The configuration this worker runs with.
    public let configuration: WorkerConfiguration
    let logger: Logger
    private let lock = NSLock()
    private var stopRequested = false
    private var _stats = WorkerStats()
    private var companies: [String: CompanyProfile?] = [:]
    private let onShutdownRequest: @Sendable () -> Void
    let metrics: QueueMetrics
    let recordsMetrics: Bool

    /// Creates a worker.
    /// - Parameters:
    ///   - researcher: Research for company domains (`--sites`); `nil` writes leads without research.
    ///   - metrics: Where claims, completions, failures and the queue depth are recorded (`work --metrics`).
    ///   - onShutdownRequest: Called once when graceful shutdown starts (the CLI arms "a second signal exits at once").
    public init(driver: any QueueDriver, stages: LeadStages, researcher: CompanyResearcher?,
                configuration: WorkerConfiguration, logger: Logger, metrics: QueueMetrics? = nil,
                onShutdownRequest: @escaping @Sendable () -> Void = {}) {
        self.driver = driver
        self.stages = stages
        self.researcher = researcher
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics ?? .none
        self.recordsMetrics = metrics != nil
        self.onShutdownRequest = onShutdownRequest
    }

    /// What the worker has done so far.
    public var stats: WorkerStats { lock.withLock { _stats } }

    /// Asks the worker to stop claiming; the job in hand is finished, the other leases released.
    public func requestStop() {
        let first = lock.withLock {
            defer { stopRequested = true }
            return !stopRequested
        }
        if first { onShutdownRequest() }
    }

    var stopping: Bool { lock.withLock { stopRequested } }

    private func count(_ update: (inout WorkerStats) -> Void) {
        lock.withLock { update(&_stats) }
    }

    /// Runs until the queue is drained (or forever with `follow`), or until shutdown is requested.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            if self.configuration.reclaimsOwnLeases {
                let n = try await self.driver.expireLeases(owner: self.configuration.owner)
                if n > 0 {
                    self.logger.info("took back the leases of an earlier run under this worker id",
                                     metadata: ["queue.owner": "\(self.configuration.owner)", "queue.leases": "\(n)"])
                }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.heartbeats() }
                if self.recordsMetrics { group.addTask { try await self.sampleDepth() } }
                defer { group.cancelAll() }
                do {
                    try await self.loop()
                } catch {
                    try? await self.driver.release(owner: self.configuration.owner)
                    throw error
                }
                try await self.driver.release(owner: self.configuration.owner)
                if self.recordsMetrics { try? await self.recordDepth() }
            }
        } onGracefulShutdown: {
            self.requestStop()
        }
        if stopping { count { $0.stoppedEarly = true } }
        logger.info("worker finished", metadata: ["queue.leads": "\(stats.leads)", "queue.domains": "\(stats.domains)"])
    }

    /// Runs the worker in a `ServiceGroup` that turns SIGTERM and SIGINT into a graceful shutdown.
    public func runHandlingSignals() async throws {
        let service = ServiceGroupConfiguration.ServiceConfiguration(service: self, successTerminationBehavior: .gracefullyShutdownGroup)
        let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// Extends this worker's leases every third of the lease time.
    private func heartbeats() async throws {
        let every = max(0.05, configuration.lease / 3)
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(Int(every * 1000)))
            do {
                try await driver.heartbeat(owner: configuration.owner, leaseUntil: Date().addingTimeInterval(configuration.lease))
            } catch {
                logger.warning("heartbeat failed", metadata: ["queue.error": "\(QueueError.describe(error))"])
            }
        }
    }

    /// Refreshes the queue depth gauges every ``WorkerConfiguration/depthInterval``.
    private func sampleDepth() async throws {
        while !Task.isCancelled {
            do { try await recordDepth() } catch {
                logger.warning("queue depth not read", metadata: ["queue.error": "\(QueueError.describe(error))"])
            }
            try await Task.sleep(for: .milliseconds(Int(max(0.05, configuration.depthInterval) * 1000)))
        }
    }

    private func recordDepth() async throws {
        metrics.depth(try await driver.status(batch: configuration.batch, now: Date()))
    }

    private func loop() async throws {
        let c = configuration
        while !stopping {
            if researcher != nil {
                let domains = try await driver.claimDomains(owner: c.owner, batch: c.batch, limit: c.researchConcurrency,
                                                            leaseUntil: Date().addingTimeInterval(c.lease), now: Date())
                if !domains.isEmpty {
                    metrics.claimed(.domain, domains.count)
                    try await researchAll(domains)
                    continue
                }
            }
            let jobs = try await driver.claimLeads(owner: c.owner, batch: c.batch, limit: c.claimSize,
                                                   leaseUntil: Date().addingTimeInterval(c.lease), now: Date(),
                                                   waitForDomains: researcher != nil)
            if !jobs.isEmpty {
                metrics.claimed(.lead, jobs.count)
                for job in jobs {
                    if stopping { break }  // the rest are released on the way out
                    try await process(job)
                }
                continue
            }
            let buried = try await driver.buryExpired(maxAttempts: c.maxAttempts, batch: c.batch, now: Date())
            metrics.dead(.lead, buried.jobs)
            metrics.dead(.domain, buried.domains)
            if buried.total > 0 { continue }
            if !c.follow, try await driver.outstanding(batch: c.batch, includeDomains: researcher != nil) == 0 { break }
            try? await Task.sleep(for: .milliseconds(Int(c.pollInterval * 1000)))
        }
    }

    /// Researches claimed domains concurrently and stores each result.
    private func researchAll(_ domains: [DomainTask]) async throws {
        guard let researcher else { return }
        let encoder = JSONEncoder()
        let results = await withTaskGroup(of: (DomainTask, CompanyProfile).self) { group in
            for d in domains { group.addTask { (d, await researcher.research(domain: d.domain)) } }
            var out: [(DomainTask, CompanyProfile)] = []
            for await r in group { out.append(r) }
            return out
        }
        for (task, profile) in results {
            let text: String
            do {
                text = String(decoding: try encoder.encode(StoredCompany(profile)), as: UTF8.self)
            } catch {
                count { $0.failures += 1 }
                metrics.failed(.domain)
                let retry = configuration.retryAt(attempts: task.attempts, now: Date())
                if retry == nil { metrics.dead(.domain) }
                try await driver.failDomain(task, owner: configuration.owner, error: "cannot encode research result: \(error)",
                                            retryAt: retry, now: Date())
                continue
            }
            if try await driver.completeDomain(task, owner: configuration.owner, profile: text, now: Date()) {
                count { $0.domains += 1 }
                metrics.finished(.domain)
                logger.debug("domain researched", metadata: ["queue.batch": "\(task.batch)", "queue.domain": "\(task.domain)"])
            } else {
                count { $0.lostLeases += 1 }
                metrics.lostLease(.domain)
            }
        }
    }

    /// Builds one person's lead and completes the job with it; failures are retried with backoff.
    private func process(_ job: LeadTask) async throws {
        let result: LeadResult
        do {
            result = try await lead(for: job)
        } catch {
            let message = QueueError.describe(error)
            count { $0.failures += 1 }
            metrics.failed(.lead)
            let retry = configuration.retryAt(attempts: job.attempts, now: Date())
            if retry == nil { metrics.dead(.lead) }
            logger.warning("job failed", metadata: ["queue.job": "\(job.id)", "queue.attempts": "\(job.attempts)",
                                                    "queue.error": "\(message)", "queue.dead": "\(retry == nil)"])
            try await driver.failLead(job, owner: configuration.owner, error: message, retryAt: retry, now: Date())
            return
        }
        if try await driver.completeLead(job, owner: configuration.owner, result: result, now: Date()) {
            count { $0.leads += 1 }
            metrics.finished(.lead)
        } else {
            count { $0.lostLeases += 1 }
            metrics.lostLease(.lead)
            logger.info("lease lost before completion; result discarded", metadata: ["queue.job": "\(job.id)"])
        }
    }

    /// The lead line of a job, exactly as `run` builds it.
    func lead(for job: LeadTask) async throws -> LeadResult {
        let decoder = JSONDecoder()
        var records: [CleanRecord] = []
        for text in job.records {
            let stored = try decoder.decode(StoredRecord.self, from: Data(text.utf8))
            records.append(stages.clean(try stored.rawRecord()))
        }
        guard !records.isEmpty else {
            throw LeadsmithError(.internalError, "job \(job.id) has no records")
        }
        var company: CompanyProfile? = nil
        if researcher != nil, let domain = job.domain {
            company = try await profile(batch: job.batch, domain: domain)
        }
        let (line, status) = stages.lead(records: records, company: company)
        var leadID = ""
        if case .object(let pairs) = line, let id = pairs.first(where: { $0.0 == "lead_id" }), case .string(let s) = id.1 {
            leadID = s
        }
        return LeadResult(leadID: leadID, status: status, line: line.serialized)
    }

    /// The stored research of a domain, cached per process.
    private func profile(batch: String, domain: String) async throws -> CompanyProfile? {
        let key = batch + "\u{0}" + domain
        if let cached = lock.withLock({ companies[key] }) { return cached }
        guard let stored = try await driver.domainProfile(batch: batch, domain: domain) else {
            throw LeadsmithError(.internalError, "company research not finished for the job's domain")
        }
        var profile: CompanyProfile? = nil
        if let text = stored {
            profile = try JSONDecoder().decode(StoredCompany.self, from: Data(text.utf8)).profile
        } else {
            logger.warning("company research is dead for a domain; its leads are written without research",
                           metadata: ["queue.domain": "\(domain)"])
        }
        lock.withLock {
            if companies.count > 10_000 { companies.removeAll() }
            companies[key] = profile
        }
        return profile
    }
}
