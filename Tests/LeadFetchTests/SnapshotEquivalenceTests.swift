import Foundation
import LeadCore
import LeadResearch
import LeadTestSupport
import Testing
@testable import LeadFetch

/// Live research of loopback-served sites finds the same company facts as the offline snapshot of the
/// same pages (redirects, meta-refresh, loops, parked and missing sites included).
struct SnapshotEquivalenceTests {
    /// The research target's snapshot fixtures (`Tests/LeadResearchTests/Fixtures/sites`).
    static let sites = TestSupport.repoRoot.appendingPathComponent("Tests/LeadResearchTests/Fixtures/sites")

    /// Serves a snapshot folder as live sites: `_redirects.tsv` rows as 301/302, pages by the snapshot's path rules.
    static func serve(_ snapshot: SnapshotPageSource, now: @escaping @Sendable () -> Duration = { .zero }) async throws -> LoopbackServer {
        let dir = snapshot.directory
        let redirects = snapshot.redirects
        return try await LoopbackServer.start(now: now) { host, path, _ in
            if let r = redirects[host] { return .redirect("http://\(r.to)/", status: r.status) }
            guard path != "/robots.txt", let name = SnapshotPageSource.fileName(forPath: path),
                  let data = FileManager.default.contents(atPath: dir.appendingPathComponent(host).appendingPathComponent(name).path)
            else { return .notFound }
            return .page(status: 200, headers: [("content-type", "text/html")], body: [UInt8](data))
        }
    }

    /// Hosts the snapshot has (sites and redirect sources); other names get no DNS answer.
    static func hosts(_ snapshot: SnapshotPageSource) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: snapshot.directory.path).filter { !$0.hasPrefix("_") }
        return names + Array(snapshot.redirects.keys)
    }

    @Test func liveResearchMatchesTheSnapshot() async throws {
        let snapshot = try SnapshotPageSource(directory: Self.sites)
        let server = try await Self.serve(snapshot)
        let live = try await makeLiveSource(server: server, hosts: try Self.hosts(snapshot))
        let rules = try ResearchRules(files: TestSupport.rules)
        let domains = try Self.hosts(snapshot) + ["missing-site.nl"]
        for domain in domains.sorted() {
            let expected = await CompanyResearcher(source: snapshot, rules: rules).research(domain: domain)
            let got = await CompanyResearcher(source: live, rules: rules).research(domain: domain)
            #expect(got == expected, "\(domain)")
        }
        let acme = await CompanyResearcher(source: live, rules: rules).research(domain: "acme.nl")
        #expect(acme.siteStatus == .ok && acme.name != nil)
        await live.shutdown()
        await server.stop()
    }

    @Test func offlineReplayFromTheCacheNeedsNoNetwork() async throws {
        let cache = try TestSupport.makeTemporaryDirectory()
        let snapshot = try SnapshotPageSource(directory: Self.sites)
        let rules = try ResearchRules(files: TestSupport.rules)
        let server = try await Self.serve(snapshot)
        let first = try await makeLiveSource(server: server, hosts: try Self.hosts(snapshot), configure: { $0.cacheDirectory = cache })
        let online = await CompanyResearcher(source: first, rules: rules).research(domain: "chain-a.nl")
        let acmeOnline = await CompanyResearcher(source: first, rules: rules).research(domain: "acme.nl")
        await first.shutdown()
        await server.stop()
        let served = server.requests.count

        // Yesterday's batch again: nothing may be read from the network.
        let deadServer = try await LoopbackServer.start { _, _, _ in
            Issue.record("offline run reached the network")
            return .notFound
        }
        let offline = try await makeLiveSource(server: deadServer, hosts: try Self.hosts(snapshot), configure: {
            $0.cacheDirectory = cache
            $0.offline = true
        })
        let replay = await CompanyResearcher(source: offline, rules: rules).research(domain: "chain-a.nl")
        let acmeReplay = await CompanyResearcher(source: offline, rules: rules).research(domain: "acme.nl")
        let unknown = await offline.fetch(PageRequest(domain: "never-seen.nl", path: "/"))
        await offline.shutdown()
        await deadServer.stop()
        #expect(served > 0)
        #expect(replay == online)
        #expect(acmeReplay == acmeOnline)
        #expect(unknown.outcome == .error && unknown.detail?.contains("offline") == true)
        #expect(deadServer.requests.isEmpty)
    }

    @Test func staleCacheEntriesAreRevalidatedWithETag() async throws {
        let cache = try TestSupport.makeTemporaryDirectory()
        let server = try await LoopbackServer.start { _, path, headers in
            if path == "/robots.txt" { return .notFound }
            if headers.contains(where: { $0.0 == "if-none-match" && $0.1 == "\"v1\"" }) {
                return .page(status: 304, headers: [("etag", "\"v1\"")], body: [])
            }
            return .html("<title>Acme Cached</title>", headers: [("etag", "\"v1\"")])
        }
        func run() async throws -> PageResponse {
            let s = try await makeLiveSource(server: server, configure: {
                $0.cacheDirectory = cache
                $0.cacheTTL = 0
            })
            let r = await s.fetch(PageRequest(domain: "acme.nl", path: "/"))
            await s.shutdown()
            return r
        }
        let first = try await run()
        let second = try await run()
        await server.stop()
        #expect(first.outcome == .ok && second.outcome == .ok)
        #expect(second.body == first.body)
        let homes = server.requests.filter { $0.path == "/" }
        #expect(homes.count == 2)
        #expect(homes.last?.headers.contains { $0.0 == "if-none-match" } == true)
    }
}
