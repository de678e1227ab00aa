import Foundation
import LeadCore
import LeadPipeline
import LeadQueue
import LeadTestSupport
import Testing

/// Says clearly when the PostgreSQL half of the shared suite does not run here.
struct QueueSkipTests {
    @Test(.enabled(if: Backend.postgresURL != nil,
                   "PostgreSQL queue tests skipped: LEADSMITH_TEST_POSTGRES_URL is not set (eval \"$(scripts/ci-postgres.sh)\" to run them)"))
    func postgresIsReachable() async throws {
        let status = try await Backend.postgres.withQueue { driver, f in try await driver.status(batch: f.batch, now: Date()) }
        #expect(status.jobs.isEmpty)
    }

    @Test(.enabled(if: Backend.postgresTLSURL != nil,
                   "PostgreSQL TLS queue tests skipped: LEADSMITH_TEST_POSTGRES_TLS_URL is not set (eval \"$(scripts/ci-postgres.sh tls)\" to run them)"))
    func postgresOverTLSIsReachable() async throws {
        let status = try await Backend.postgresTLS.withQueue { driver, f in try await driver.status(batch: f.batch, now: Date()) }
        #expect(status.jobs.isEmpty)
    }
}

/// One suite, every engine: the behaviour `enqueue`, `work` and `export` promise.
struct QueueDriverTests {
    @Test(arguments: Backend.available)
    func exportMatchesRunAll(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            for input in f.inputs { _ = try await f.enqueuer(driver).enqueue(path: input, again: false) }
            let worker = try f.worker(driver)
            try await worker.run()
            let queued = try await f.export(driver)
            let run = try await f.runAll()
            // Same records, same order, same bytes as `run --all`; rejects too.
            #expect(queued.leads == run.leads)
            #expect(queued.rejects == run.rejects)
            #expect(queued.report.unfinished == 0)
            #expect(worker.stats.leads == (try leadIDs(run.leads)).count)
        }
    }

    @Test(arguments: Backend.available)
    func exportFiltersByStatusLikeRun(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            for input in f.inputs { _ = try await f.enqueuer(driver).enqueue(path: input, again: false) }
            try await f.worker(driver).run()
            let qualified = try await f.export(driver, statuses: ["qualified"]).leads
            let all = try TestSupport.ndjsonObjects(try await f.export(driver).leads)
            let expected = all.filter { $0["status"] as? String == "qualified" }.compactMap { $0["lead_id"] as? String }
            #expect(try leadIDs(qualified) == expected)
        }
    }

    @Test(arguments: Backend.available)
    func reEnqueueIsANoOpUnlessAgain(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            let first = try await f.enqueuer(driver).enqueue(path: f.signups, again: false)
            #expect(!first.skipped && first.counts.stored == first.records)
            let repeatRun = try await f.enqueuer(driver).enqueue(path: f.signups, again: false)
            #expect(repeatRun.skipped)
            let before = try await driver.status(batch: f.batch, now: Date())
            #expect(before.recordsBySource["newsletter"] == first.records)

            try await f.worker(driver).run()
            // --again: the records join their persons (merged into the same jobs, which reopen).
            let again = try await f.enqueuer(driver).enqueue(path: f.signups, again: true)
            #expect(again.generation == 2 && again.counts.stored == first.records && again.counts.reopened > 0)
            let after = try await driver.status(batch: f.batch, now: Date())
            #expect(after.recordsBySource["newsletter"] == 2 * first.records)
            try await f.worker(driver).run()
            let done = try await driver.status(batch: f.batch, now: Date())
            #expect(done.jobs["done"] == before.jobs["pending"])
            let leads = try TestSupport.ndjsonObjects(try await f.export(driver).leads)
            let ids = leads.compactMap { $0["lead_id"] as? String }
            #expect(Set(ids).count == ids.count, "every lead once")
        }
    }

    @Test(arguments: Backend.available)
    func interruptedEnqueueCompletesWithoutDuplicates(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            let enqueuer = f.enqueuer(driver)
            let full = try await enqueuer.enqueue(path: f.signups, again: false)
            // Simulate a crash after the pass started: mark a second pass as loading, then finish it.
            let hash = try ContentHash.of(file: f.signups)
            try await driver.startInput(batch: f.batch, hash: hash, path: f.signups, generation: 2, now: Date())
            let resumed = try await enqueuer.enqueue(path: f.signups, again: false)
            #expect(!resumed.skipped && resumed.generation == 2 && resumed.counts.stored == full.records)
            let again = try await enqueuer.enqueue(path: f.signups, again: false)
            #expect(again.skipped)
        }
    }

    @Test(arguments: Backend.available)
    func eachDomainIsResearchedOncePerBatchAcrossWorkers(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            for input in f.inputs { _ = try await f.enqueuer(driver).enqueue(path: input, again: false) }
            let workers = try (0..<3).map { _ in try f.worker(driver) { $0.claimSize = 1; $0.researchConcurrency = 1 } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for w in workers { group.addTask { try await w.run() } }
                try await group.waitForAll()
            }
            let status = try await driver.status(batch: f.batch, now: Date())
            let domains = status.domains["done"] ?? 0
            #expect(domains > 0)
            #expect(workers.map(\.stats.domains).reduce(0, +) == domains, "a domain is researched once, not once per worker")
            #expect(workers.map(\.stats.leads).reduce(0, +) == status.jobs["done"], "each lead processed once")
            let run = try await f.runAll()
            #expect(try await f.export(driver).leads == run.leads)
        }
    }

    @Test(arguments: Backend.available)
    func aLostLeaseCannotCompleteAJob(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            _ = try await f.enqueuer(driver).enqueue(path: f.signups, again: false)
            let now = Date()
            let a = try await driver.claimLeads(owner: "a", batch: f.batch, limit: 1, leaseUntil: now.addingTimeInterval(-1),
                                                now: now, waitForDomains: false)
            let job = try #require(a.first)
            // The lease expired: another worker takes the job over and completes it.
            let b = try await driver.claimLeads(owner: "b", batch: f.batch, limit: 1, leaseUntil: now.addingTimeInterval(60),
                                                now: now, waitForDomains: false)
            #expect(b.first?.id == job.id && b.first?.attempts == 2)
            let result = LeadResult(leadID: "ls_b", status: "nurture", line: "{\"lead_id\":\"ls_b\"}")
            #expect(try await driver.completeLead(job, owner: "b", result: result, now: now))
            // The first owner comes back late: refused, nothing written twice.
            #expect(try await !driver.completeLead(job, owner: "a", result: LeadResult(leadID: "ls_a", status: "nurture", line: "{}"), now: now))
            let lines = try await driver.results(batch: f.batch, statuses: nil, after: 0, limit: 100)
            #expect(lines.map(\.line) == [result.line])
        }
    }

    @Test(arguments: Backend.available)
    func failingJobsAreRetriedThenParkedDeadWithTheirError(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            let bad = EnqueueChunk(batch: f.batch, hash: "bad", generation: 1,
                                   records: [QueuedRecord(recordNumber: 1, source: "newsletter", personKey: "k", domain: nil, data: "not a record")],
                                   rejects: [])
            _ = try await driver.enqueue(bad, now: Date())
            let worker = try f.worker(driver, research: false) { $0.maxAttempts = 3 }
            try await worker.run()
            #expect(worker.stats.failures == 3)
            let status = try await driver.status(batch: f.batch, now: Date())
            #expect(status.jobs["dead"] == 1)
            let dead = try #require(status.dead.first)
            #expect(dead.attempts == 3 && !dead.error.isEmpty)
            #expect(status.text(now: Date()).contains("after 3 attempts"))
        }
    }

    @Test(arguments: Backend.available)
    func retriesWaitForTheirBackoff(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            _ = try await f.enqueuer(driver).enqueue(path: f.signups, again: false)
            let now = Date()
            let job = try #require(try await driver.claimLeads(owner: "a", batch: f.batch, limit: 1, leaseUntil: now.addingTimeInterval(60),
                                                               now: now, waitForDomains: false).first)
            var config = WorkerConfiguration()
            config.backoffBase = 30
            let retry = try #require(config.retryAt(attempts: job.attempts, now: now))
            try await driver.failLead(job, owner: "a", error: "boom", retryAt: retry, now: now)
            let soon = try await driver.claimLeads(owner: "b", batch: f.batch, limit: 100, leaseUntil: now.addingTimeInterval(60),
                                                   now: now.addingTimeInterval(10), waitForDomains: false)
            #expect(!soon.map(\.id).contains(job.id), "not before the backoff")
            let later = try await driver.claimLeads(owner: "c", batch: f.batch, limit: 100, leaseUntil: now.addingTimeInterval(60),
                                                    now: now.addingTimeInterval(31), waitForDomains: false)
            #expect(later.map(\.id).contains(job.id))
        }
    }

    @Test(arguments: Backend.available)
    func jobsThatKeepKillingWorkersAreBuried(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            _ = try await f.enqueuer(driver).enqueue(path: f.forms, again: false)
            var now = Date()
            for attempt in 1...2 {
                let claimed = try await driver.claimLeads(owner: "crash-\(attempt)", batch: f.batch, limit: 100, leaseUntil: now,
                                                          now: now, waitForDomains: false)
                #expect(!claimed.isEmpty)
                now = now.addingTimeInterval(1)
            }
            #expect(try await driver.buryExpired(maxAttempts: 2, batch: f.batch, now: now).jobs > 0)
            let status = try await driver.status(batch: f.batch, now: now)
            #expect(status.jobs["dead"] ?? 0 > 0 && status.dead.allSatisfy { $0.error.contains("lease expired") })
        }
    }

    @Test(arguments: Backend.available)
    func gracefulStopReleasesLeasesAndLeavesJobsPending(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            _ = try await f.enqueuer(driver).enqueue(path: f.signups, again: false)
            let worker = try f.worker(driver, research: false) { $0.claimSize = 100 }
            worker.requestStop()
            try await worker.run()
            let status = try await driver.status(batch: f.batch, now: Date())
            #expect((status.jobs["leased"] ?? 0) == 0)
            #expect(status.oldestLeaseUntil == nil)
            #expect(try await driver.outstanding(batch: f.batch, includeDomains: false) == status.jobs["pending"])
            // Claimed by the next worker with no attempt lost.
            let next = try await driver.claimLeads(owner: "next", batch: f.batch, limit: 100, leaseUntil: Date().addingTimeInterval(60),
                                                   now: Date(), waitForDomains: false)
            #expect(next.allSatisfy { $0.attempts == 1 })
        }
    }

    @Test(arguments: Backend.available)
    func statusCountsStatesSourcesAndLeases(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            for input in f.inputs { _ = try await f.enqueuer(driver).enqueue(path: input, again: false) }
            let now = Date()
            _ = try await driver.claimLeads(owner: "w1", batch: f.batch, limit: 1, leaseUntil: now.addingTimeInterval(30),
                                            now: now, waitForDomains: false)
            let s = try await driver.status(batch: f.batch, now: now)
            #expect(s.recordsBySource["newsletter"] == 7 && s.recordsBySource["download"] == 2)
            #expect(s.rejectsBySource["download"] == 2)
            #expect(s.jobs["leased"] == 1 && s.oldestLeaseOwner == "w1")
            #expect(s.text(now: now).contains("oldest lease: w1 expires in 30 s"))
        }
    }

    @Test(arguments: Backend.available)
    func exportIsIdempotentAndResumable(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            for input in f.inputs { _ = try await f.enqueuer(driver).enqueue(path: input, again: false) }
            try await f.worker(driver).run()
            let out = f.dir.appendingPathComponent("leads.ndjson").path
            let exporter = Exporter(driver: driver, batch: f.batch, statuses: nil, pageSize: 2)
            _ = try await exporter.export(out: out, rejectsPath: nil)
            let once = try String(contentsOfFile: out, encoding: .utf8)
            _ = try await exporter.export(out: out, rejectsPath: nil)
            #expect(try String(contentsOfFile: out, encoding: .utf8) == once)
            // An export killed mid-line: resume keeps the complete lines and finishes the file.
            let lines = once.split(separator: "\n", omittingEmptySubsequences: false)
            let cut = lines[0] + "\n" + lines[1] + "\n" + lines[2].prefix(10)
            try FileManager.default.removeItem(atPath: out)
            try cut.write(toFile: out + ".partial", atomically: true, encoding: .utf8)
            let report = try await exporter.export(out: out, rejectsPath: nil, resume: true)
            #expect(report.resumed == 2)
            #expect(try String(contentsOfFile: out, encoding: .utf8) == once)
            #expect(!FileManager.default.fileExists(atPath: out + ".partial"))
        }
    }
}

