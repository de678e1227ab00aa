import Foundation
import LeadCore
import LeadQueue
import LeadResearch
import LeadTestSupport
import Testing

/// `--queue URL` parsing and the stored research round trip.
struct QueueLocationTests {
    @Test(arguments: [
        (nil, QueueLocation.sqlite(path: ".leadsmith/queue.sqlite")),
        ("sqlite:/tmp/q.sqlite", .sqlite(path: "/tmp/q.sqlite")),
        ("sqlite:///tmp/q.sqlite", .sqlite(path: "/tmp/q.sqlite")),
        ("postgres://leadsmith:secret@db.internal:6543/leads", .postgres(host: "db.internal", port: 6543, user: "leadsmith", password: "secret", database: "leads")),
        ("postgresql://ops@127.0.0.1", .postgres(host: "127.0.0.1", port: 5432, user: "ops", password: nil, database: "ops")),
        ("postgres://ops@db/leads?sslmode=disable", .postgres(host: "db", port: 5432, user: "ops", password: nil, database: "leads",
                                                              tls: PostgresTLS(mode: .disable))),
        ("postgres://ops@db/leads?sslmode=require", .postgres(host: "db", port: 5432, user: "ops", password: nil, database: "leads",
                                                              tls: PostgresTLS(mode: .require))),
        ("postgres://ops@db.example.com:5433/leads?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem",
         .postgres(host: "db.example.com", port: 5433, user: "ops", password: nil, database: "leads",
                   tls: PostgresTLS(mode: .verifyFull, rootCertificate: "/etc/ssl/db-ca.pem"))),
        ("postgres://ops@db/leads?sslrootcert=system&sslmode=verify-ca", .postgres(host: "db", port: 5432, user: "ops", password: nil,
                                                                                  database: "leads", tls: PostgresTLS(mode: .verifyCA, rootCertificate: "system"))),
    ] as [(String?, QueueLocation)])
    func parsesQueueURLs(_ text: String?, _ expected: QueueLocation) throws {
        #expect(try QueueLocation.parse(text) == expected)
    }

    @Test func postgresDefaultsToLibpqsPrefer() throws {
        guard case .postgres(_, _, _, _, _, let tls) = try QueueLocation.parse("postgres://ops@db/leads") else {
            Issue.record("not a PostgreSQL location")
            return
        }
        #expect(tls == PostgresTLS(mode: .prefer, rootCertificate: nil))
    }

    @Test(arguments: ["mysql://x", "sqlite:", "postgres:///nohost", "queue.sqlite",
                      "postgres://ops@db/leads?sslmode=allow", "postgres://ops@db/leads?sslmode=verify_full",
                      "postgres://ops@db/leads?sslmode=", "postgres://ops@db/leads?sslrootcert=",
                      "postgres://ops@db/leads?connect_timeout=5"])
    func rejectsUnknownQueueURLsAsUsageErrors(_ text: String) {
        #expect(throws: LeadsmithError.self) { try QueueLocation.parse(text) }
        do { _ = try QueueLocation.parse(text) } catch { #expect(error.exitCode == 64) }
    }

    @Test func storedResearchDecodesToTheSameProfile() async throws {
        let f = try QueueFixture()
        defer { f.remove() }
        let researcher = try f.researcher()
        let profile = await researcher.research(domain: "acme-tools.nl")
        #expect(profile.siteStatus == .ok && !profile.people.isEmpty)
        let data = try JSONEncoder().encode(StoredCompany(profile))
        #expect(try JSONDecoder().decode(StoredCompany.self, from: data).profile == profile)
    }
}
