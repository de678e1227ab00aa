public import Foundation
public import Logging
public import PostgresNIO

/// The shared queue: PostgreSQL through postgres-nio (`--queue postgres://…`), for several workers
/// on several machines.
///
/// Claims use `FOR UPDATE SKIP LOCKED`, so concurrent workers never wait on or take each other's
/// rows; every query uses interpolated binds (no SQL is built from values).
public final class PostgresQueue: QueueDriver {
    let client: PostgresClient
    let logger: Logger

    /// Wraps a client whose `run()` the caller keeps running (see ``QueueConnection``).
    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        var quiet = logger
        // postgres-nio warns when the first query races `run()` starting; errors are thrown anyway.
        if quiet.logLevel < .error { quiet.logLevel = .error }
        self.logger = quiet
    }

    /// Schema versions in order. Never edit a shipped version: append a new one.
    static let migrations: [(version: String, statements: [String])] = [
        ("v1", [
            """
            CREATE TABLE lq_inputs (
                batch TEXT NOT NULL, hash TEXT NOT NULL, generation INTEGER NOT NULL, path TEXT NOT NULL,
                complete BOOLEAN NOT NULL DEFAULT FALSE, records INTEGER, rejects INTEGER,
                enqueued_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (batch, hash, generation))
            """,
            """
            CREATE TABLE lq_jobs (
                id BIGSERIAL PRIMARY KEY, batch TEXT NOT NULL, person_key TEXT NOT NULL, domain TEXT,
                first_seq BIGINT NOT NULL, state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
                run_after DOUBLE PRECISION NOT NULL DEFAULT 0, lease_owner TEXT, lease_until DOUBLE PRECISION,
                last_error TEXT, finished_at DOUBLE PRECISION, UNIQUE (batch, person_key))
            """,
            "CREATE INDEX lq_jobs_claim ON lq_jobs (state, run_after)",
            "CREATE INDEX lq_jobs_owner ON lq_jobs (lease_owner)",
            """
            CREATE TABLE lq_records (
                seq BIGSERIAL PRIMARY KEY, batch TEXT NOT NULL, hash TEXT NOT NULL, generation INTEGER NOT NULL,
                record_no INTEGER NOT NULL, source TEXT NOT NULL, job_id BIGINT, data TEXT NOT NULL,
                UNIQUE (batch, hash, generation, record_no))
            """,
            "CREATE INDEX lq_records_job ON lq_records (job_id, seq)",
            """
            CREATE TABLE lq_rejects (
                seq BIGSERIAL PRIMARY KEY, batch TEXT NOT NULL, hash TEXT NOT NULL, generation INTEGER NOT NULL,
                record_no INTEGER NOT NULL, source TEXT NOT NULL, line TEXT NOT NULL,
                UNIQUE (batch, hash, generation, record_no))
            """,
            """
            CREATE TABLE lq_domains (
                batch TEXT NOT NULL, domain TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0, run_after DOUBLE PRECISION NOT NULL DEFAULT 0,
                lease_owner TEXT, lease_until DOUBLE PRECISION, profile TEXT, last_error TEXT,
                finished_at DOUBLE PRECISION, ord BIGSERIAL, PRIMARY KEY (batch, domain))
            """,
            "CREATE INDEX lq_domains_claim ON lq_domains (state, run_after)",
            "CREATE INDEX lq_domains_owner ON lq_domains (lease_owner)",
            """
            CREATE TABLE lq_results (
                job_id BIGINT PRIMARY KEY, batch TEXT NOT NULL, first_seq BIGINT NOT NULL,
                lead_id TEXT NOT NULL, status TEXT NOT NULL, line TEXT NOT NULL)
            """,
            "CREATE INDEX lq_results_order ON lq_results (batch, first_seq)",
            // Domains travel as '' for none. One round trip per chunk: store records, attach each to its person's job (dedupe as in
            // `run`), reopen finished jobs a new record joins, register new company domains.
            """
            CREATE FUNCTION lq_enqueue(p_batch TEXT, p_hash TEXT, p_gen BIGINT, p_recno BIGINT[], p_source TEXT[],
                                       p_key TEXT[], p_domain TEXT[], p_data TEXT[]) RETURNS BIGINT[]
            LANGUAGE plpgsql AS $$
            DECLARE
                i INTEGER; v_seq BIGINT; v_job BIGINT; v_state TEXT; v_domain TEXT; v_new_domain TEXT; v_d TEXT;
                n_stored BIGINT := 0; n_merged BIGINT := 0; n_reopened BIGINT := 0;
            BEGIN
                FOR i IN 1 .. coalesce(array_length(p_recno, 1), 0) LOOP
                    v_seq := NULL; v_job := NULL; v_new_domain := NULL; v_d := NULLIF(p_domain[i], '');
                    INSERT INTO lq_records (batch, hash, generation, record_no, source, data)
                        VALUES (p_batch, p_hash, p_gen, p_recno[i], p_source[i], p_data[i])
                        ON CONFLICT DO NOTHING RETURNING seq INTO v_seq;
                    CONTINUE WHEN v_seq IS NULL;
                    n_stored := n_stored + 1;
                    INSERT INTO lq_jobs (batch, person_key, domain, first_seq)
                        VALUES (p_batch, p_key[i], v_d, v_seq)
                        ON CONFLICT (batch, person_key) DO NOTHING RETURNING id INTO v_job;
                    IF v_job IS NOT NULL THEN
                        v_new_domain := v_d;
                    ELSE
                        SELECT id, state, domain INTO v_job, v_state, v_domain FROM lq_jobs
                            WHERE batch = p_batch AND person_key = p_key[i] FOR UPDATE;
                        n_merged := n_merged + 1;
                        IF v_state <> 'pending' THEN
                            IF v_state = 'done' THEN n_reopened := n_reopened + 1; END IF;
                            UPDATE lq_jobs SET state = 'pending', attempts = 0, run_after = 0, lease_owner = NULL,
                                lease_until = NULL, last_error = NULL WHERE id = v_job;
                        END IF;
                        IF v_domain IS NULL AND v_d IS NOT NULL THEN
                            UPDATE lq_jobs SET domain = v_d WHERE id = v_job;
                            v_new_domain := v_d;
                        END IF;
                    END IF;
                    UPDATE lq_records SET job_id = v_job WHERE seq = v_seq;
                    IF v_new_domain IS NOT NULL THEN
                        INSERT INTO lq_domains (batch, domain) VALUES (p_batch, v_new_domain) ON CONFLICT DO NOTHING;
                    END IF;
                END LOOP;
                RETURN ARRAY[n_stored, n_merged, n_reopened];
            END $$
            """,
        ]),
    ]

    public func migrate() async throws {
        try await client.withTransaction(logger: logger) { conn in
            // Serialise concurrent first uses (three workers starting at once).
            try await conn.query("SELECT pg_advisory_xact_lock(7345001)", logger: logger)
            try await conn.query("CREATE TABLE IF NOT EXISTS lq_migrations (version TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                                 logger: logger)
            var applied = Set<String>()
            for try await v in try await conn.query("SELECT version FROM lq_migrations", logger: logger).decode(String.self) {
                applied.insert(v)
            }
            for m in Self.migrations where !applied.contains(m.version) {
                for sql in m.statements {
                    try await conn.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                }
                try await conn.query("INSERT INTO lq_migrations (version) VALUES (\(m.version))", logger: logger)
            }
        }
    }

    public func input(batch: String, hash: String) async throws -> InputState? {
        let rows = try await client.query("""
            SELECT generation, complete FROM lq_inputs WHERE batch = \(batch) AND hash = \(hash) ORDER BY generation DESC LIMIT 1
            """, logger: logger)
        for try await (g, c) in rows.decode((Int, Bool).self) { return InputState(generation: g, complete: c) }
        return nil
    }

    public func startInput(batch: String, hash: String, path: String, generation: Int, now: Date) async throws {
        try await client.query("""
            INSERT INTO lq_inputs (batch, hash, generation, path, enqueued_at)
            VALUES (\(batch), \(hash), \(generation), \(path), \(now.timeIntervalSince1970)) ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    public func enqueue(_ chunk: EnqueueChunk, now: Date) async throws -> EnqueueCounts {
        let recnos = chunk.records.map(\.recordNumber)
        let sources = chunk.records.map(\.source)
        let keys = chunk.records.map { $0.personKey ?? chunk.soloKey($0) }
        let domains = chunk.records.map { $0.domain ?? "" }  // '' = none (arrays of NULL do not bind)
        let data = chunk.records.map(\.data)
        let rejectNos = chunk.rejects.map(\.recordNumber)
        let rejectSources = chunk.rejects.map(\.source)
        let rejectLines = chunk.rejects.map(\.line)
        return try await client.withTransaction(logger: logger) { conn in
            var counts = EnqueueCounts()
            if !chunk.records.isEmpty {
                let rows = try await conn.query("""
                    SELECT lq_enqueue(\(chunk.batch), \(chunk.hash), \(chunk.generation), \(recnos), \(sources), \(keys),
                                      \(domains), \(data))
                    """, logger: logger)
                for try await r in rows.decode([Int].self) where r.count == 3 {
                    counts = EnqueueCounts(stored: r[0], merged: r[1], reopened: r[2])
                }
            }
            if !chunk.rejects.isEmpty {
                let rows = try await conn.query("""
                    INSERT INTO lq_rejects (batch, hash, generation, record_no, source, line)
                    SELECT \(chunk.batch), \(chunk.hash), \(chunk.generation), r.n, r.s, r.l
                    FROM unnest(\(rejectNos)::integer[], \(rejectSources)::text[], \(rejectLines)::text[]) AS r(n, s, l)
                    ON CONFLICT DO NOTHING RETURNING seq
                    """, logger: logger)
                for try await _ in rows.decode(Int64.self) { counts.rejects += 1 }
            }
            return counts
        }
    }

    public func finishInput(batch: String, hash: String, generation: Int, records: Int, rejects: Int) async throws {
        try await client.query("""
            UPDATE lq_inputs SET complete = TRUE, records = \(records), rejects = \(rejects)
            WHERE batch = \(batch) AND hash = \(hash) AND generation = \(generation)
            """, logger: logger)
    }

    public func claimDomains(owner: String, batch: String?, limit: Int, leaseUntil: Date, now: Date) async throws -> [DomainTask] {
        let t = now.timeIntervalSince1970
        let rows = try await client.query("""
            WITH c AS (
                SELECT batch, domain FROM lq_domains
                WHERE ((state = 'pending' AND run_after <= \(t)) OR (state = 'leased' AND lease_until < \(t)))
                  AND (\(batch)::text IS NULL OR batch = \(batch))
                ORDER BY ord LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            UPDATE lq_domains d SET state = 'leased', lease_owner = \(owner), lease_until = \(leaseUntil.timeIntervalSince1970),
                attempts = d.attempts + 1
            FROM c WHERE d.batch = c.batch AND d.domain = c.domain
            RETURNING d.batch, d.domain, d.attempts
            """, logger: logger)
        var out: [DomainTask] = []
        for try await (b, d, a) in rows.decode((String, String, Int).self) { out.append(DomainTask(batch: b, domain: d, attempts: a)) }
        return out
    }

    public func completeDomain(_ task: DomainTask, owner: String, profile: String, now: Date) async throws -> Bool {
        let rows = try await client.query("""
            UPDATE lq_domains SET state = 'done', profile = \(profile), lease_owner = NULL, lease_until = NULL,
                finished_at = \(now.timeIntervalSince1970)
            WHERE batch = \(task.batch) AND domain = \(task.domain) AND state = 'leased' AND lease_owner = \(owner)
            RETURNING 1
            """, logger: logger)
        var n = 0
        for try await _ in rows.decode(Int.self) { n += 1 }
        return n > 0
    }

    public func failDomain(_ task: DomainTask, owner: String, error: String, retryAt: Date?, now: Date) async throws {
        let state = retryAt == nil ? "dead" : "pending"
        let finished: Double? = retryAt == nil ? now.timeIntervalSince1970 : nil
        try await client.query("""
            UPDATE lq_domains SET state = \(state), run_after = \(retryAt?.timeIntervalSince1970 ?? 0), last_error = \(error),
                lease_owner = NULL, lease_until = NULL, finished_at = \(finished)
            WHERE batch = \(task.batch) AND domain = \(task.domain) AND state = 'leased' AND lease_owner = \(owner)
            """, logger: logger)
    }

    public func claimLeads(owner: String, batch: String?, limit: Int, leaseUntil: Date, now: Date,
                           waitForDomains: Bool) async throws -> [LeadTask] {
        let t = now.timeIntervalSince1970
        let rows = try await client.query("""
            WITH c AS (
                SELECT id FROM lq_jobs j
                WHERE ((state = 'pending' AND run_after <= \(t)) OR (state = 'leased' AND lease_until < \(t)))
                  AND (\(batch)::text IS NULL OR batch = \(batch))
                  AND (NOT \(waitForDomains) OR domain IS NULL OR EXISTS (SELECT 1 FROM lq_domains d
                       WHERE d.batch = j.batch AND d.domain = j.domain AND d.state IN ('done', 'dead')))
                ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            UPDATE lq_jobs SET state = 'leased', lease_owner = \(owner), lease_until = \(leaseUntil.timeIntervalSince1970),
                attempts = lq_jobs.attempts + 1
            FROM c WHERE lq_jobs.id = c.id
            RETURNING lq_jobs.id, lq_jobs.batch, lq_jobs.domain, lq_jobs.attempts
            """, logger: logger)
        var tasks: [LeadTask] = []
        for try await (id, b, d, a) in rows.decode((Int64, String, String?, Int).self) {
            tasks.append(LeadTask(id: id, batch: b, domain: d, attempts: a, records: []))
        }
        guard !tasks.isEmpty else { return [] }
        tasks.sort { $0.id < $1.id }
        let ids = tasks.map(\.id)
        var byJob: [Int64: [String]] = [:]
        let recs = try await client.query("SELECT job_id, data FROM lq_records WHERE job_id = ANY(\(ids)) ORDER BY job_id, seq",
                                          logger: logger)
        for try await (job, data) in recs.decode((Int64, String).self) { byJob[job, default: []].append(data) }
        for i in tasks.indices { tasks[i].records = byJob[tasks[i].id] ?? [] }
        return tasks
    }

    public func domainProfile(batch: String, domain: String) async throws -> String?? {
        let rows = try await client.query("SELECT state, profile FROM lq_domains WHERE batch = \(batch) AND domain = \(domain)",
                                          logger: logger)
        for try await (state, profile) in rows.decode((String, String?).self) {
            switch state {
            case "done": return .some(profile)
            case "dead": return .some(nil)
            default: return nil
            }
        }
        return nil
    }

    public func completeLead(_ task: LeadTask, owner: String, result: LeadResult, now: Date) async throws -> Bool {
        // One statement, so one transaction: the job is done exactly when its result is stored.
        let rows = try await client.query("""
            WITH d AS (
                UPDATE lq_jobs SET state = 'done', lease_owner = NULL, lease_until = NULL, last_error = NULL,
                    finished_at = \(now.timeIntervalSince1970)
                WHERE id = \(task.id) AND state = 'leased' AND lease_owner = \(owner)
                RETURNING id, batch, first_seq)
            INSERT INTO lq_results (job_id, batch, first_seq, lead_id, status, line)
            SELECT id, batch, first_seq, \(result.leadID), \(result.status), \(result.line) FROM d
            ON CONFLICT (job_id) DO UPDATE SET lead_id = EXCLUDED.lead_id, status = EXCLUDED.status, line = EXCLUDED.line
            RETURNING job_id
            """, logger: logger)
        var n = 0
        for try await _ in rows.decode(Int64.self) { n += 1 }
        return n > 0
    }

    public func failLead(_ task: LeadTask, owner: String, error: String, retryAt: Date?, now: Date) async throws {
        let state = retryAt == nil ? "dead" : "pending"
        let finished: Double? = retryAt == nil ? now.timeIntervalSince1970 : nil
        try await client.query("""
            UPDATE lq_jobs SET state = \(state), run_after = \(retryAt?.timeIntervalSince1970 ?? 0), last_error = \(error),
                lease_owner = NULL, lease_until = NULL, finished_at = \(finished)
            WHERE id = \(task.id) AND state = 'leased' AND lease_owner = \(owner)
            """, logger: logger)
    }

    public func buryExpired(maxAttempts: Int, batch: String?, now: Date) async throws -> BuriedCounts {
        let t = now.timeIntervalSince1970
        let message = "lease expired after \(maxAttempts) attempts (the worker crashed or hung on this job)"
        var counts = BuriedCounts(jobs: 0, domains: 0)
        let jobs = try await client.query("""
            UPDATE lq_jobs SET state = 'dead', last_error = \(message), lease_owner = NULL, lease_until = NULL, finished_at = \(t)
            WHERE state = 'leased' AND lease_until < \(t) AND attempts >= \(maxAttempts)
              AND (\(batch)::text IS NULL OR batch = \(batch)) RETURNING 1
            """, logger: logger)
        for try await _ in jobs.decode(Int.self) { counts.jobs += 1 }
        let domains = try await client.query("""
            UPDATE lq_domains SET state = 'dead', last_error = \(message), lease_owner = NULL, lease_until = NULL, finished_at = \(t)
            WHERE state = 'leased' AND lease_until < \(t) AND attempts >= \(maxAttempts)
              AND (\(batch)::text IS NULL OR batch = \(batch)) RETURNING 1
            """, logger: logger)
        for try await _ in domains.decode(Int.self) { counts.domains += 1 }
        return counts
    }

    public func expireLeases(owner: String) async throws -> Int {
        var n = 0
        for try await _ in try await client.query(
            "UPDATE lq_jobs SET lease_until = 0 WHERE state = 'leased' AND lease_owner = \(owner) RETURNING 1", logger: logger
        ).decode(Int.self) { n += 1 }
        for try await _ in try await client.query(
            "UPDATE lq_domains SET lease_until = 0 WHERE state = 'leased' AND lease_owner = \(owner) RETURNING 1", logger: logger
        ).decode(Int.self) { n += 1 }
        return n
    }

    public func heartbeat(owner: String, leaseUntil: Date) async throws {
        let u = leaseUntil.timeIntervalSince1970
        try await client.query("UPDATE lq_jobs SET lease_until = \(u) WHERE state = 'leased' AND lease_owner = \(owner)", logger: logger)
        try await client.query("UPDATE lq_domains SET lease_until = \(u) WHERE state = 'leased' AND lease_owner = \(owner)", logger: logger)
    }

    public func release(owner: String) async throws {
        try await client.query("""
            UPDATE lq_jobs SET state = 'pending', lease_owner = NULL, lease_until = NULL, attempts = GREATEST(attempts - 1, 0)
            WHERE state = 'leased' AND lease_owner = \(owner)
            """, logger: logger)
        try await client.query("""
            UPDATE lq_domains SET state = 'pending', lease_owner = NULL, lease_until = NULL, attempts = GREATEST(attempts - 1, 0)
            WHERE state = 'leased' AND lease_owner = \(owner)
            """, logger: logger)
    }

    public func outstanding(batch: String?, includeDomains: Bool) async throws -> Int {
        let rows = try await client.query("""
            SELECT (SELECT COUNT(*) FROM lq_jobs WHERE state IN ('pending', 'leased') AND (\(batch)::text IS NULL OR batch = \(batch)))
                 + (CASE WHEN \(includeDomains) THEN (SELECT COUNT(*) FROM lq_domains WHERE state IN ('pending', 'leased')
                         AND (\(batch)::text IS NULL OR batch = \(batch))) ELSE 0 END)
            """, logger: logger)
        for try await n in rows.decode(Int.self) { return n }
        return 0
    }

    public func results(batch: String, statuses: [String]?, after: Int64, limit: Int) async throws -> [ResultRow] {
        let rows = try await client.query("""
            SELECT first_seq, line FROM lq_results
            WHERE batch = \(batch) AND first_seq > \(after) AND (\(statuses)::text[] IS NULL OR status = ANY(\(statuses)::text[]))
            ORDER BY first_seq LIMIT \(limit)
            """, logger: logger)
        var out: [ResultRow] = []
        for try await (seq, line) in rows.decode((Int64, String).self) { out.append(ResultRow(seq: seq, line: line)) }
        return out
    }

    public func rejects(batch: String, after: Int64, limit: Int) async throws -> [ResultRow] {
        let rows = try await client.query("""
            SELECT seq, line FROM lq_rejects WHERE batch = \(batch) AND seq > \(after) ORDER BY seq LIMIT \(limit)
            """, logger: logger)
        var out: [ResultRow] = []
        for try await (seq, line) in rows.decode((Int64, String).self) { out.append(ResultRow(seq: seq, line: line)) }
        return out
    }

    public func status(batch: String?, now: Date) async throws -> QueueStatus {
        var s = QueueStatus()
        func counts(_ query: PostgresQuery) async throws -> [String: Int] {
            var d: [String: Int] = [:]
            for try await (k, n) in try await client.query(query, logger: logger).decode((String, Int).self) { d[k] = n }
            return d
        }
        s.jobs = try await counts("SELECT state, COUNT(*) FROM lq_jobs WHERE (\(batch)::text IS NULL OR batch = \(batch)) GROUP BY state")
        s.domains = try await counts("SELECT state, COUNT(*) FROM lq_domains WHERE (\(batch)::text IS NULL OR batch = \(batch)) GROUP BY state")
        s.recordsBySource = try await counts("SELECT source, COUNT(*) FROM lq_records WHERE (\(batch)::text IS NULL OR batch = \(batch)) GROUP BY source")
        s.rejectsBySource = try await counts("SELECT source, COUNT(*) FROM lq_rejects WHERE (\(batch)::text IS NULL OR batch = \(batch)) GROUP BY source")
        s.leadsByStatus = try await counts("SELECT status, COUNT(*) FROM lq_results WHERE (\(batch)::text IS NULL OR batch = \(batch)) GROUP BY status")
        let minute = now.timeIntervalSince1970 - 60
        for try await (a, b, m) in try await client.query("""
            SELECT MIN(finished_at), MAX(finished_at), COUNT(*) FILTER (WHERE finished_at >= \(minute))
            FROM lq_jobs WHERE state = 'done' AND (\(batch)::text IS NULL OR batch = \(batch))
            """, logger: logger).decode((Double?, Double?, Int).self) {
            s.firstDone = a.map(Date.init(timeIntervalSince1970:))
            s.lastDone = b.map(Date.init(timeIntervalSince1970:))
            s.doneLastMinute = m
        }
        for try await (u, o) in try await client.query("""
            SELECT lease_until, lease_owner FROM lq_jobs WHERE state = 'leased' AND (\(batch)::text IS NULL OR batch = \(batch))
            ORDER BY lease_until LIMIT 1
            """, logger: logger).decode((Double?, String?).self) {
            s.oldestLeaseUntil = u.map(Date.init(timeIntervalSince1970:))
            s.oldestLeaseOwner = o
        }
        for try await (id, b, a, e) in try await client.query("""
            SELECT id, batch, attempts, last_error FROM lq_jobs WHERE state = 'dead' AND (\(batch)::text IS NULL OR batch = \(batch))
            ORDER BY id LIMIT 20
            """, logger: logger).decode((Int64, String, Int, String?).self) {
            s.dead.append(DeadJob(id: id, batch: b, attempts: a, error: e ?? ""))
        }
        return s
    }
}
