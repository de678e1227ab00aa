public import Foundation
public import LeadCore
import GRDB

/// The embedded queue: one SQLite file through GRDB (`--queue sqlite:PATH`).
///
/// One `DatabasePool` per file (WAL: readers never block the writer); every change is an
/// immediate transaction, so several `work` processes on one machine serialise their claims on
/// SQLite's single write lock and wait for it (busy timeout) instead of failing.
public final class SQLiteQueue: QueueDriver {
    let pool: DatabasePool
    /// The database file.
    public let path: String

    /// Opens (creating the file and its folder if needed) the queue database.
    /// - Throws: `output_failed` (74) when the file cannot be created or opened.
    public init(path: String) throws(LeadsmithError) {
        self.path = path
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            var config = Configuration()
            config.busyMode = .timeout(60)
            config.label = "leadsmith.queue"
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw LeadsmithError(.outputFailed, "cannot open the SQLite queue (check the folder is writable)", file: path, cause: error)
        }
    }

    /// The schema, one migration per shipped version. Never edit a shipped migration: add a new one.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE lq_inputs (
                    batch TEXT NOT NULL, hash TEXT NOT NULL, generation INTEGER NOT NULL, path TEXT NOT NULL,
                    complete INTEGER NOT NULL DEFAULT 0, records INTEGER, rejects INTEGER, enqueued_at REAL NOT NULL,
                    PRIMARY KEY (batch, hash, generation));
                CREATE TABLE lq_jobs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, batch TEXT NOT NULL, person_key TEXT NOT NULL,
                    domain TEXT, first_seq INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending',
                    attempts INTEGER NOT NULL DEFAULT 0, run_after REAL NOT NULL DEFAULT 0,
                    lease_owner TEXT, lease_until REAL, last_error TEXT, finished_at REAL,
                    UNIQUE (batch, person_key));
                CREATE INDEX lq_jobs_claim ON lq_jobs (state, run_after);
                CREATE INDEX lq_jobs_owner ON lq_jobs (lease_owner);
                CREATE TABLE lq_records (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, batch TEXT NOT NULL, hash TEXT NOT NULL,
                    generation INTEGER NOT NULL, record_no INTEGER NOT NULL, source TEXT NOT NULL,
                    job_id INTEGER, data TEXT NOT NULL,
                    UNIQUE (batch, hash, generation, record_no));
                CREATE INDEX lq_records_job ON lq_records (job_id, seq);
                CREATE TABLE lq_rejects (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, batch TEXT NOT NULL, hash TEXT NOT NULL,
                    generation INTEGER NOT NULL, record_no INTEGER NOT NULL, source TEXT NOT NULL, line TEXT NOT NULL,
                    UNIQUE (batch, hash, generation, record_no));
                CREATE TABLE lq_domains (
                    batch TEXT NOT NULL, domain TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending',
                    attempts INTEGER NOT NULL DEFAULT 0, run_after REAL NOT NULL DEFAULT 0,
                    lease_owner TEXT, lease_until REAL, profile TEXT, last_error TEXT, finished_at REAL,
                    PRIMARY KEY (batch, domain));
                CREATE INDEX lq_domains_claim ON lq_domains (state, run_after);
                CREATE INDEX lq_domains_owner ON lq_domains (lease_owner);
                CREATE TABLE lq_results (
                    job_id INTEGER PRIMARY KEY, batch TEXT NOT NULL, first_seq INTEGER NOT NULL,
                    lead_id TEXT NOT NULL, status TEXT NOT NULL, line TEXT NOT NULL);
                CREATE INDEX lq_results_order ON lq_results (batch, first_seq);
                """)
        }
        return m
    }

    public func migrate() async throws {
        try Self.migrator.migrate(pool)
    }

    /// Runs `body` in an immediate transaction and returns its value.
    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.writeWithoutTransaction { db in
            var value: T?
            try db.inTransaction(.immediate) {
                value = try body(db)
                return .commit
            }
            guard let value else { throw LeadsmithError(.internalError, "transaction returned no value") }
            return value
        }
    }

    public func input(batch: String, hash: String) async throws -> InputState? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT generation, complete FROM lq_inputs WHERE batch = ? AND hash = ? ORDER BY generation DESC LIMIT 1",
                             arguments: [batch, hash])
                .map { InputState(generation: $0["generation"], complete: ($0["complete"] as Int) != 0) }
        }
    }

    public func startInput(batch: String, hash: String, path: String, generation: Int, now: Date) async throws {
        try await write { db in
            try db.execute(sql: "INSERT INTO lq_inputs (batch, hash, generation, path, enqueued_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                           arguments: [batch, hash, generation, path, now.timeIntervalSince1970])
        }
    }

    public func enqueue(_ chunk: EnqueueChunk, now: Date) async throws -> EnqueueCounts {
        try await write { db in
            var counts = EnqueueCounts()
            for r in chunk.records {
                try db.execute(sql: """
                    INSERT INTO lq_records (batch, hash, generation, record_no, source, data) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """, arguments: [chunk.batch, chunk.hash, chunk.generation, r.recordNumber, r.source, r.data])
                guard db.changesCount > 0 else { continue }
                counts.stored += 1
                let seq = db.lastInsertedRowID
                let key = r.personKey ?? chunk.soloKey(r)
                var newDomain: String? = nil
                let jobID: Int64
                if let row = try Row.fetchOne(db, sql: "SELECT id, state, domain FROM lq_jobs WHERE batch = ? AND person_key = ?",
                                              arguments: [chunk.batch, key]) {
                    jobID = row["id"]
                    counts.merged += 1
                    let state: String = row["state"]
                    if state != "pending" {
                        if state == "done" { counts.reopened += 1 }
                        try db.execute(sql: """
                            UPDATE lq_jobs SET state = 'pending', attempts = 0, run_after = 0, lease_owner = NULL,
                            lease_until = NULL, last_error = NULL WHERE id = ?
                            """, arguments: [jobID])
                    }
                    if (row["domain"] as String?) == nil, let d = r.domain {
                        try db.execute(sql: "UPDATE lq_jobs SET domain = ? WHERE id = ?", arguments: [d, jobID])
                        newDomain = d
                    }
                } else {
                    try db.execute(sql: "INSERT INTO lq_jobs (batch, person_key, domain, first_seq) VALUES (?, ?, ?, ?)",
                                   arguments: [chunk.batch, key, r.domain, seq])
                    jobID = db.lastInsertedRowID
                    newDomain = r.domain
                }
                try db.execute(sql: "UPDATE lq_records SET job_id = ? WHERE seq = ?", arguments: [jobID, seq])
                if let d = newDomain {
                    try db.execute(sql: "INSERT INTO lq_domains (batch, domain) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                   arguments: [chunk.batch, d])
                }
            }
            for j in chunk.rejects {
                try db.execute(sql: """
                    INSERT INTO lq_rejects (batch, hash, generation, record_no, source, line) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """, arguments: [chunk.batch, chunk.hash, chunk.generation, j.recordNumber, j.source, j.line])
                counts.rejects += db.changesCount
            }
            return counts
        }
    }

    public func finishInput(batch: String, hash: String, generation: Int, records: Int, rejects: Int) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE lq_inputs SET complete = 1, records = ?, rejects = ? WHERE batch = ? AND hash = ? AND generation = ?",
                           arguments: [records, rejects, batch, hash, generation])
        }
    }

    public func claimDomains(owner: String, batch: String?, limit: Int, leaseUntil: Date, now: Date) async throws -> [DomainTask] {
        let t = now.timeIntervalSince1970
        return try await write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT batch, domain, attempts FROM lq_domains
                WHERE ((state = 'pending' AND run_after <= ?) OR (state = 'leased' AND lease_until < ?))
                  AND (? IS NULL OR batch = ?)
                ORDER BY rowid LIMIT ?
                """, arguments: [t, t, batch, batch, limit])
            var out: [DomainTask] = []
            for row in rows {
                let task = DomainTask(batch: row["batch"], domain: row["domain"], attempts: (row["attempts"] as Int) + 1)
                try db.execute(sql: """
                    UPDATE lq_domains SET state = 'leased', lease_owner = ?, lease_until = ?, attempts = attempts + 1
                    WHERE batch = ? AND domain = ?
                    """, arguments: [owner, leaseUntil.timeIntervalSince1970, task.batch, task.domain])
                out.append(task)
            }
            return out
        }
    }

    public func completeDomain(_ task: DomainTask, owner: String, profile: String, now: Date) async throws -> Bool {
        try await write { db in
            try db.execute(sql: """
                UPDATE lq_domains SET state = 'done', profile = ?, lease_owner = NULL, lease_until = NULL, finished_at = ?
                WHERE batch = ? AND domain = ? AND state = 'leased' AND lease_owner = ?
                """, arguments: [profile, now.timeIntervalSince1970, task.batch, task.domain, owner])
            return db.changesCount > 0
        }
    }

    public func failDomain(_ task: DomainTask, owner: String, error: String, retryAt: Date?, now: Date) async throws {
        try await write { db in
            try db.execute(sql: """
                UPDATE lq_domains SET state = ?, run_after = ?, last_error = ?, lease_owner = NULL, lease_until = NULL,
                finished_at = CASE WHEN ? THEN ? ELSE NULL END
                WHERE batch = ? AND domain = ? AND state = 'leased' AND lease_owner = ?
                """, arguments: [retryAt == nil ? "dead" : "pending", retryAt?.timeIntervalSince1970 ?? 0, error,
                                 retryAt == nil, now.timeIntervalSince1970, task.batch, task.domain, owner])
        }
    }

    public func claimLeads(owner: String, batch: String?, limit: Int, leaseUntil: Date, now: Date,
                           waitForDomains: Bool) async throws -> [LeadTask] {
        let t = now.timeIntervalSince1970
        return try await write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, batch, domain, attempts FROM lq_jobs j
                WHERE ((state = 'pending' AND run_after <= ?) OR (state = 'leased' AND lease_until < ?))
                  AND (? IS NULL OR batch = ?)
                  AND (? = 0 OR domain IS NULL OR EXISTS (SELECT 1 FROM lq_domains d
                       WHERE d.batch = j.batch AND d.domain = j.domain AND d.state IN ('done', 'dead')))
                ORDER BY id LIMIT ?
                """, arguments: [t, t, batch, batch, waitForDomains ? 1 : 0, limit])
            var out: [LeadTask] = []
            for row in rows {
                let id: Int64 = row["id"]
                try db.execute(sql: "UPDATE lq_jobs SET state = 'leased', lease_owner = ?, lease_until = ?, attempts = attempts + 1 WHERE id = ?",
                               arguments: [owner, leaseUntil.timeIntervalSince1970, id])
                let records = try String.fetchAll(db, sql: "SELECT data FROM lq_records WHERE job_id = ? ORDER BY seq", arguments: [id])
                out.append(LeadTask(id: id, batch: row["batch"], domain: row["domain"], attempts: (row["attempts"] as Int) + 1, records: records))
            }
            return out
        }
    }

    public func domainProfile(batch: String, domain: String) async throws -> String?? {
        try await pool.read { db -> String?? in
            guard let row = try Row.fetchOne(db, sql: "SELECT state, profile FROM lq_domains WHERE batch = ? AND domain = ?",
                                             arguments: [batch, domain]) else { return nil }
            switch row["state"] as String {
            case "done": return .some(row["profile"] as String?)
            case "dead": return .some(nil)
            default: return nil
            }
        }
    }

    public func completeLead(_ task: LeadTask, owner: String, result: LeadResult, now: Date) async throws -> Bool {
        try await write { db in
            try db.execute(sql: """
                UPDATE lq_jobs SET state = 'done', lease_owner = NULL, lease_until = NULL, last_error = NULL, finished_at = ?
                WHERE id = ? AND state = 'leased' AND lease_owner = ?
                """, arguments: [now.timeIntervalSince1970, task.id, owner])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: """
                INSERT INTO lq_results (job_id, batch, first_seq, lead_id, status, line)
                SELECT id, batch, first_seq, ?, ?, ? FROM lq_jobs WHERE id = ?
                ON CONFLICT (job_id) DO UPDATE SET lead_id = excluded.lead_id, status = excluded.status, line = excluded.line
                """, arguments: [result.leadID, result.status, result.line, task.id])
            return true
        }
    }

    public func failLead(_ task: LeadTask, owner: String, error: String, retryAt: Date?, now: Date) async throws {
        try await write { db in
            try db.execute(sql: """
                UPDATE lq_jobs SET state = ?, run_after = ?, last_error = ?, lease_owner = NULL, lease_until = NULL,
                finished_at = CASE WHEN ? THEN ? ELSE NULL END
                WHERE id = ? AND state = 'leased' AND lease_owner = ?
                """, arguments: [retryAt == nil ? "dead" : "pending", retryAt?.timeIntervalSince1970 ?? 0, error,
                                 retryAt == nil, now.timeIntervalSince1970, task.id, owner])
        }
    }

    public func buryExpired(maxAttempts: Int, batch: String?, now: Date) async throws -> BuriedCounts {
        let t = now.timeIntervalSince1970
        return try await write { db in
            let message = "lease expired after \(maxAttempts) attempts (the worker crashed or hung on this job)"
            try db.execute(sql: """
                UPDATE lq_jobs SET state = 'dead', last_error = ?, lease_owner = NULL, lease_until = NULL, finished_at = ?
                WHERE state = 'leased' AND lease_until < ? AND attempts >= ? AND (? IS NULL OR batch = ?)
                """, arguments: [message, t, t, maxAttempts, batch, batch])
            let jobs = db.changesCount
            try db.execute(sql: """
                UPDATE lq_domains SET state = 'dead', last_error = ?, lease_owner = NULL, lease_until = NULL, finished_at = ?
                WHERE state = 'leased' AND lease_until < ? AND attempts >= ? AND (? IS NULL OR batch = ?)
                """, arguments: [message, t, t, maxAttempts, batch, batch])
            return BuriedCounts(jobs: jobs, domains: db.changesCount)
        }
    }

    public func expireLeases(owner: String) async throws -> Int {
        try await write { db in
            try db.execute(sql: "UPDATE lq_jobs SET lease_until = 0 WHERE state = 'leased' AND lease_owner = ?", arguments: [owner])
            let jobs = db.changesCount
            try db.execute(sql: "UPDATE lq_domains SET lease_until = 0 WHERE state = 'leased' AND lease_owner = ?", arguments: [owner])
            return jobs + db.changesCount
        }
    }

    public func heartbeat(owner: String, leaseUntil: Date) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE lq_jobs SET lease_until = ? WHERE state = 'leased' AND lease_owner = ?",
                           arguments: [leaseUntil.timeIntervalSince1970, owner])
            try db.execute(sql: "UPDATE lq_domains SET lease_until = ? WHERE state = 'leased' AND lease_owner = ?",
                           arguments: [leaseUntil.timeIntervalSince1970, owner])
        }
    }

    public func release(owner: String) async throws {
        try await write { db in
            try db.execute(sql: """
                UPDATE lq_jobs SET state = 'pending', lease_owner = NULL, lease_until = NULL, attempts = MAX(attempts - 1, 0)
                WHERE state = 'leased' AND lease_owner = ?
                """, arguments: [owner])
            try db.execute(sql: """
                UPDATE lq_domains SET state = 'pending', lease_owner = NULL, lease_until = NULL, attempts = MAX(attempts - 1, 0)
                WHERE state = 'leased' AND lease_owner = ?
                """, arguments: [owner])
        }
    }

    public func outstanding(batch: String?, includeDomains: Bool) async throws -> Int {
        try await pool.read { db in
            let jobs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lq_jobs WHERE state IN ('pending', 'leased') AND (? IS NULL OR batch = ?)",
                                        arguments: [batch, batch]) ?? 0
            guard includeDomains else { return jobs }
            let domains = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lq_domains WHERE state IN ('pending', 'leased') AND (? IS NULL OR batch = ?)",
                                           arguments: [batch, batch]) ?? 0
            return jobs + domains
        }
    }

    public func results(batch: String, statuses: [String]?, after: Int64, limit: Int) async throws -> [ResultRow] {
        try await pool.read { db in
            var sql = "SELECT first_seq, line FROM lq_results WHERE batch = ? AND first_seq > ?"
            var args: StatementArguments = [batch, after]
            if let statuses {
                sql += " AND status IN (" + statuses.map { _ in "?" }.joined(separator: ", ") + ")"
                for s in statuses { _ = args.append(contentsOf: [s]) }
            }
            sql += " ORDER BY first_seq LIMIT ?"
            _ = args.append(contentsOf: [limit])
            return try Row.fetchAll(db, sql: sql, arguments: args).map { ResultRow(seq: $0["first_seq"], line: $0["line"]) }
        }
    }

    public func rejects(batch: String, after: Int64, limit: Int) async throws -> [ResultRow] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, line FROM lq_rejects WHERE batch = ? AND seq > ? ORDER BY seq LIMIT ?",
                             arguments: [batch, after, limit]).map { ResultRow(seq: $0["seq"], line: $0["line"]) }
        }
    }

    public func status(batch: String?, now: Date) async throws -> QueueStatus {
        try await pool.read { db in
            var s = QueueStatus()
            let args: StatementArguments = [batch, batch]
            let filter = "(? IS NULL OR batch = ?)"
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM lq_jobs WHERE \(filter) GROUP BY state", arguments: args) {
                s.jobs[row["state"]] = row["n"]
            }
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM lq_domains WHERE \(filter) GROUP BY state", arguments: args) {
                s.domains[row["state"]] = row["n"]
            }
            for row in try Row.fetchAll(db, sql: "SELECT source, COUNT(*) AS n FROM lq_records WHERE \(filter) GROUP BY source", arguments: args) {
                s.recordsBySource[row["source"]] = row["n"]
            }
            for row in try Row.fetchAll(db, sql: "SELECT source, COUNT(*) AS n FROM lq_rejects WHERE \(filter) GROUP BY source", arguments: args) {
                s.rejectsBySource[row["source"]] = row["n"]
            }
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM lq_results WHERE \(filter) GROUP BY status", arguments: args) {
                s.leadsByStatus[row["status"]] = row["n"]
            }
            if let row = try Row.fetchOne(db, sql: """
                SELECT MIN(finished_at) AS a, MAX(finished_at) AS b, SUM(CASE WHEN finished_at >= ? THEN 1 ELSE 0 END) AS m
                FROM lq_jobs WHERE state = 'done' AND \(filter)
                """, arguments: [now.timeIntervalSince1970 - 60, batch, batch]) {
                s.firstDone = (row["a"] as Double?).map(Date.init(timeIntervalSince1970:))
                s.lastDone = (row["b"] as Double?).map(Date.init(timeIntervalSince1970:))
                s.doneLastMinute = (row["m"] as Int?) ?? 0
            }
            if let row = try Row.fetchOne(db, sql: """
                SELECT lease_until, lease_owner FROM lq_jobs WHERE state = 'leased' AND \(filter) ORDER BY lease_until LIMIT 1
                """, arguments: args) {
                s.oldestLeaseUntil = (row["lease_until"] as Double?).map(Date.init(timeIntervalSince1970:))
                s.oldestLeaseOwner = row["lease_owner"]
            }
            s.dead = try Row.fetchAll(db, sql: """
                SELECT id, batch, attempts, last_error FROM lq_jobs WHERE state = 'dead' AND \(filter) ORDER BY id LIMIT 20
                """, arguments: args).map { DeadJob(id: $0["id"], batch: $0["batch"], attempts: $0["attempts"], error: ($0["last_error"] as String?) ?? "") }
            return s
        }
    }
}
