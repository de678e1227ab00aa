import Foundation
import LeadCore
import LeadQueue
import LeadTestSupport
import Testing

/// `work --worker-id`: a restarted worker takes its own leases back at once; without an id every
/// process has its own owner name and waits for leases to expire as before.
struct WorkerIDTests {
    @Test func withoutAnIDEveryWorkerHasItsOwnOwnerName() {
        let a = WorkerConfiguration(), b = WorkerConfiguration()
        #expect(a.owner != b.owner && !a.reclaimsOwnLeases && !b.reclaimsOwnLeases)
        let named = WorkerConfiguration(workerID: "etl-host-2")
        #expect(named.owner == "etl-host-2" && named.reclaimsOwnLeases)
    }

    @Test(arguments: Backend.available)
    func expiringLeasesEndsOnlyThatOwnersAndTheClaimStillCounts(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            _ = try await f.enqueuer(driver).enqueue(path: f.signups, again: false)
            let now = Date(), later = now.addingTimeInterval(600)
            let a = try await driver.claimLeads(owner: "\(f.batch)-a", batch: f.batch, limit: 2, leaseUntil: later, now: now, waitForDomains: false)
            let b = try await driver.claimLeads(owner: "\(f.batch)-b", batch: f.batch, limit: 2, leaseUntil: later, now: now, waitForDomains: false)
            #expect(a.count == 2 && b.count == 2)
            #expect(try await driver.expireLeases(owner: "\(f.batch)-a") == 2)
            #expect(try await driver.expireLeases(owner: "\(f.batch)-nobody") == 0)
            let again = try await driver.claimLeads(owner: "\(f.batch)-a", batch: f.batch, limit: 100, leaseUntil: later, now: Date(),
                                                    waitForDomains: false)
            let byID = Dictionary(uniqueKeysWithValues: again.map { ($0.id, $0.attempts) })
            for job in a { #expect(byID[job.id] == 2, "taken back, and the crashed claim counts as an attempt") }
            for job in b { #expect(byID[job.id] == nil, "another worker's leases are untouched") }
        }
    }

    @Test(arguments: Backend.available)
    func aWorkerRestartedWithTheSameIDFinishesItsJobsWithoutWaitingForTheLease(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            for input in f.inputs { _ = try await f.enqueuer(driver).enqueue(path: input, again: false) }
            // The first process under this id claimed everything with a 10-minute lease and was killed.
            let now = Date()
            let held = try await driver.claimDomains(owner: "\(f.batch)-etl-1", batch: f.batch, limit: 100, leaseUntil: now.addingTimeInterval(600), now: now)
            let jobs = try await driver.claimLeads(owner: "\(f.batch)-etl-1", batch: f.batch, limit: 100, leaseUntil: now.addingTimeInterval(600), now: now,
                                                   waitForDomains: false)
            #expect(!held.isEmpty && !jobs.isEmpty)
            // Another worker finds nothing to take: the leases are still valid.
            let other = try await driver.claimLeads(owner: "\(f.batch)-etl-2", batch: f.batch, limit: 100, leaseUntil: now.addingTimeInterval(60), now: Date(),
                                                    waitForDomains: false)
            #expect(other.isEmpty)

            let worker = try f.worker(driver) { c in
                let id = WorkerConfiguration(workerID: "\(f.batch)-etl-1")
                c.owner = id.owner
                c.reclaimsOwnLeases = id.reclaimsOwnLeases
            }
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await worker.run() }
                group.addTask {
                    try await Task.sleep(for: .seconds(60))
                    Issue.record("the restarted worker waited for its old leases")
                    worker.requestStop()
                }
                try await group.next()
                group.cancelAll()
            }
            #expect(ContinuousClock.now - started < .seconds(30))
            #expect(worker.stats.leads == jobs.count && worker.stats.domains == held.count)
            let status = try await driver.status(batch: f.batch, now: Date())
            #expect(status.jobs["done"] == jobs.count && (status.jobs["leased"] ?? 0) == 0)
            #expect(try await f.export(driver).leads == (try await f.runAll()).leads)
        }
    }
}
