public import Foundation

/// The storage contract of a durable batch queue: one protocol, one implementation per engine
/// (``SQLiteQueue``, ``PostgresQueue``), all run by one shared test suite.
///
/// Every method is one transaction. The drivers know nothing about leads: they move opaque JSON
/// texts between states. The shared layers above (``Enqueuer``, ``QueueWorker``, ``Exporter``)
/// hold the lead logic, so both engines behave the same.
///
/// Exactly-once rests on three rules every driver keeps:
/// - a job is claimed by one owner at a time (a lease) and its lease can only be taken over once it expired;
/// - ``completeLead(_:owner:result:now:)`` writes the result and marks the job done in the same
///   transaction, and only while the caller still holds the lease;
/// - results are keyed by job, so a job done twice (after a lost lease) replaces its one result.
public protocol QueueDriver: Sendable {
    /// Applies missing schema migrations (versioned, never edited once shipped). Idempotent.
    func migrate() async throws

    /// The state of an input file in a batch, by content hash; `nil` if never enqueued.
    func input(batch: String, hash: String) async throws -> InputState?
    /// Registers a pass over an input file (`generation` 1 first, +1 per `--again`) as loading.
    func startInput(batch: String, hash: String, path: String, generation: Int, now: Date) async throws
    /// Stores one chunk of records and rejects of an input pass in one transaction. Idempotent:
    /// records already stored for (batch, hash, generation, record number) are skipped, so a pass
    /// interrupted by a crash can simply be repeated.
    func enqueue(_ chunk: EnqueueChunk, now: Date) async throws -> EnqueueCounts
    /// Marks an input pass complete with its totals.
    func finishInput(batch: String, hash: String, generation: Int, records: Int, rejects: Int) async throws

    /// Claims up to `limit` domains to research (pending, or leased with an expired lease).
    func claimDomains(owner: String, batch: String?, limit: Int, leaseUntil: Date, now: Date) async throws -> [DomainTask]
    /// Stores a domain's research result (a ``StoredCompany`` JSON text) if `owner` still holds it.
    /// - Returns: `false` when the lease was lost (another worker stores its own, identical result).
    func completeDomain(_ task: DomainTask, owner: String, profile: String, now: Date) async throws -> Bool
    /// Records a failed research attempt: retry after `retryAt`, or dead when `retryAt` is `nil`.
    func failDomain(_ task: DomainTask, owner: String, error: String, retryAt: Date?, now: Date) async throws

    /// Claims up to `limit` lead jobs whose company domain is researched (or that have none).
    /// - Parameter waitForDomains: `false` claims jobs regardless of research (a worker without `--sites`).
    func claimLeads(owner: String, batch: String?, limit: Int, leaseUntil: Date, now: Date,
                    waitForDomains: Bool) async throws -> [LeadTask]
    /// The stored research result of a domain: `nil` when not finished, `.some(nil)` when dead.
    func domainProfile(batch: String, domain: String) async throws -> String??
    /// Writes the lead line and marks the job done, in one transaction, if `owner` still holds the lease.
    /// - Returns: `false` when the lease was lost; nothing was written.
    func completeLead(_ task: LeadTask, owner: String, result: LeadResult, now: Date) async throws -> Bool
    /// Records a failed attempt: back to pending until `retryAt`, or dead (with the error) when `nil`.
    func failLead(_ task: LeadTask, owner: String, error: String, retryAt: Date?, now: Date) async throws
    /// Parks jobs and domains whose lease expired after `maxAttempts` claims as dead (a job that
    /// keeps killing its worker), optionally only of one batch. Returns how many of each.
    func buryExpired(maxAttempts: Int, batch: String?, now: Date) async throws -> BuriedCounts
    /// Extends every lease `owner` holds.
    func heartbeat(owner: String, leaseUntil: Date) async throws
    /// Ends every lease `owner` holds at once, as if it had expired: a worker restarted under the same
    /// `--worker-id` takes its jobs back without waiting for the lease time. Unlike ``release(owner:)``
    /// the claim still counts as an attempt, so a job that keeps killing its worker is still buried.
    /// - Returns: The number of jobs and domains whose lease was ended.
    func expireLeases(owner: String) async throws -> Int
    /// Gives back every lease `owner` holds (graceful shutdown): the jobs are pending again at once
    /// and the claim does not count as an attempt.
    func release(owner: String) async throws
    /// Jobs (and, with `includeDomains`, domains) not finished (pending or leased), optionally of one batch.
    func outstanding(batch: String?, includeDomains: Bool) async throws -> Int

    /// Up to `limit` result lines after position `after` (the sequence of the person's first
    /// record), in input order, optionally only with the given lead statuses.
    func results(batch: String, statuses: [String]?, after: Int64, limit: Int) async throws -> [ResultRow]
    /// Up to `limit` reject lines after sequence `after`, in input order.
    func rejects(batch: String, after: Int64, limit: Int) async throws -> [ResultRow]
    /// Counts and details for `leadsmith status`.
    func status(batch: String?, now: Date) async throws -> QueueStatus
}

/// An input pass as stored.
public struct InputState: Sendable, Equatable {
    /// The latest pass (1 = first enqueue).
    public var generation: Int
    /// Whether that pass finished storing all its records.
    public var complete: Bool
    /// Creates a state.
    public init(generation: Int, complete: Bool) {
        self.generation = generation
        self.complete = complete
    }
}

/// One input record ready to store.
public struct QueuedRecord: Sendable {
    /// 1-based record number in its file.
    public var recordNumber: Int
    /// Source kind (`newsletter`, …) for the status counts.
    public var source: String
    /// The dedupe key (e-mail group key); `nil` makes a person of its own.
    public var personKey: String?
    /// The registrable company domain, if any.
    public var domain: String?
    /// The stored raw record (``StoredRecord`` JSON text).
    public var data: String
    /// Creates a record.
    public init(recordNumber: Int, source: String, personKey: String?, domain: String?, data: String) {
        self.recordNumber = recordNumber
        self.source = source
        self.personKey = personKey
        self.domain = domain
        self.data = data
    }
}

/// One intake reject ready to store.
public struct QueuedReject: Sendable {
    /// 1-based record number in its file.
    public var recordNumber: Int
    /// Source kind.
    public var source: String
    /// The `leadsmith/reject@1` line.
    public var line: String
    /// Creates a reject.
    public init(recordNumber: Int, source: String, line: String) {
        self.recordNumber = recordNumber
        self.source = source
        self.line = line
    }
}

/// Records and rejects of one input pass, stored in one transaction.
public struct EnqueueChunk: Sendable {
    /// The batch name.
    public var batch: String
    /// Content hash of the input file.
    public var hash: String
    /// The input pass.
    public var generation: Int
    /// Records in file order.
    public var records: [QueuedRecord]
    /// Rejects in file order.
    public var rejects: [QueuedReject]
    /// Creates a chunk.
    public init(batch: String, hash: String, generation: Int, records: [QueuedRecord], rejects: [QueuedReject]) {
        self.batch = batch
        self.hash = hash
        self.generation = generation
        self.records = records
        self.rejects = rejects
    }

    /// The person key of a record without an e-mail key: unique per input pass and record.
    func soloKey(_ r: QueuedRecord) -> String {
        "#\(hash):\(generation):\(r.recordNumber)"
    }
}

/// What one chunk did.
public struct EnqueueCounts: Sendable, Equatable {
    /// Records stored (not already there).
    public var stored = 0
    /// Records that joined an earlier person (dedupe) instead of making a new job.
    public var merged = 0
    /// Finished jobs opened again because a new record joined their person.
    public var reopened = 0
    /// Rejects stored.
    public var rejects = 0
    /// Creates counts.
    public init(stored: Int = 0, merged: Int = 0, reopened: Int = 0, rejects: Int = 0) {
        self.stored = stored
        self.merged = merged
        self.reopened = reopened
        self.rejects = rejects
    }

    static func += (a: inout EnqueueCounts, b: EnqueueCounts) {
        a.stored += b.stored
        a.merged += b.merged
        a.reopened += b.reopened
        a.rejects += b.rejects
    }
}

/// A claimed company domain.
public struct DomainTask: Sendable, Equatable {
    /// The batch name.
    public var batch: String
    /// The registrable domain to research.
    public var domain: String
    /// Claims so far, this one included.
    public var attempts: Int
    /// Creates a task.
    public init(batch: String, domain: String, attempts: Int) {
        self.batch = batch
        self.domain = domain
        self.attempts = attempts
    }
}

/// A claimed lead job: one person with all their records.
public struct LeadTask: Sendable, Equatable {
    /// The job id.
    public var id: Int64
    /// The batch name.
    public var batch: String
    /// The person's company domain, if any.
    public var domain: String?
    /// Claims so far, this one included.
    public var attempts: Int
    /// The person's records (``StoredRecord`` JSON texts) in processing order.
    public var records: [String]
    /// Creates a task.
    public init(id: Int64, batch: String, domain: String?, attempts: Int, records: [String]) {
        self.id = id
        self.batch = batch
        self.domain = domain
        self.attempts = attempts
        self.records = records
    }
}

/// The finished lead of a job.
public struct LeadResult: Sendable, Equatable {
    /// The lead's `lead_id`.
    public var leadID: String
    /// `qualified`, `nurture` or `disqualified`.
    public var status: String
    /// The `leadsmith/lead@1` line (no newline).
    public var line: String
    /// Creates a result.
    public init(leadID: String, status: String, line: String) {
        self.leadID = leadID
        self.status = status
        self.line = line
    }
}

/// One exported line with its position, for resumable paging.
public struct ResultRow: Sendable, Equatable {
    /// Position in input order.
    public var seq: Int64
    /// The NDJSON line (no newline).
    public var line: String
    /// Creates a row.
    public init(seq: Int64, line: String) {
        self.seq = seq
        self.line = line
    }
}

/// What ``QueueDriver/buryExpired(maxAttempts:batch:now:)`` parked as dead.
public struct BuriedCounts: Sendable, Equatable {
    /// Lead jobs parked.
    public var jobs: Int
    /// Domains parked.
    public var domains: Int
    /// Creates counts.
    public init(jobs: Int, domains: Int) {
        self.jobs = jobs
        self.domains = domains
    }
    /// Jobs and domains together.
    public var total: Int { jobs + domains }
}

/// A dead job and why.
public struct DeadJob: Sendable, Equatable {
    /// The job id.
    public var id: Int64
    /// The batch name.
    public var batch: String
    /// Claims made.
    public var attempts: Int
    /// The last error (no lead contents).
    public var error: String
    /// Creates an entry.
    public init(id: Int64, batch: String, attempts: Int, error: String) {
        self.id = id
        self.batch = batch
        self.attempts = attempts
        self.error = error
    }
}

/// What `leadsmith status` shows.
public struct QueueStatus: Sendable, Equatable {
    /// Lead jobs per state (`pending`, `leased`, `done`, `dead`).
    public var jobs: [String: Int] = [:]
    /// Domains per state.
    public var domains: [String: Int] = [:]
    /// Stored records per source kind.
    public var recordsBySource: [String: Int] = [:]
    /// Intake rejects per source kind.
    public var rejectsBySource: [String: Int] = [:]
    /// Lead results per lead status.
    public var leadsByStatus: [String: Int] = [:]
    /// Jobs finished in the last minute.
    public var doneLastMinute = 0
    /// The first completion time.
    public var firstDone: Date?
    /// The last completion time.
    public var lastDone: Date?
    /// The lease that expires first.
    public var oldestLeaseUntil: Date?
    /// The owner of that lease.
    public var oldestLeaseOwner: String?
    /// Dead jobs (up to 20), oldest first.
    public var dead: [DeadJob] = []
    /// Creates an empty status.
    public init() {}
}
