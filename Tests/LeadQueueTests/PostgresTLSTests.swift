import Foundation
import LeadCore
import LeadTestSupport
import Logging
import PostgresNIO
import Testing
@testable import LeadQueue

/// TLS to the throwaway TLS-only server of `scripts/ci-postgres.sh tls` (certificate for
/// localhost and 127.0.0.1, not 127.0.0.2; pg_hba.conf `hostssl` only).
struct PostgresTLSTests {
    static let enabled = Backend.postgresTLSURL != nil && Backend.environment("LEADSMITH_TEST_POSTGRES_TLS_CA") != nil
    static let why: Comment = "PostgreSQL TLS tests skipped: LEADSMITH_TEST_POSTGRES_TLS_URL is not set (eval \"$(scripts/ci-postgres.sh tls)\")"

    /// The TLS server's port and CA file.
    static func server() throws -> (port: Int, ca: String) {
        let url = try #require(Backend.postgresTLSURL.flatMap(URLComponents.init(string:)))
        return (try #require(url.port), try #require(Backend.environment("LEADSMITH_TEST_POSTGRES_TLS_CA")))
    }

    /// Connects and reports whether the session is encrypted (PostgreSQL's own view).
    static func encrypted(_ url: String) async throws -> Bool {
        try await QueueConnection.with(try QueueLocation.parse(url), logger: QueueFixture.logger) { driver in
            let pg = try #require(driver as? PostgresQueue)
            for try await ssl in try await pg.client.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                                                           logger: QueueFixture.logger).decode(Bool.self) {
                return ssl
            }
            return false
        }
    }

    /// The error a connection attempt fails with.
    static func failure(_ url: String) async throws -> LeadsmithError {
        do {
            try await QueueConnection.with(try QueueLocation.parse(url), logger: QueueFixture.logger) { driver in
                _ = try await driver.status(batch: nil, now: Date())
            }
        } catch let e as LeadsmithError {
            return e
        }
        Issue.record("connected, but should have failed: \(url)")
        return LeadsmithError(.internalError, "connected")
    }

    @Test(.enabled(if: enabled, why))
    func theSharedSuitesTLSBackendIsEncryptedAndVerified() async throws {
        let url = try #require(Backend.postgresTLSURL)
        #expect(url.contains("sslmode=verify-full"))
        #expect(try await Self.encrypted(url))
    }

    @Test(.enabled(if: enabled, why))
    func requireEncryptsWithoutARootCertificateAndVerifyFullAcceptsTheIPAddressItNames() async throws {
        let (port, ca) = try Self.server()
        #expect(try await Self.encrypted("postgres://leadsmith@127.0.0.1:\(port)/leadsmith_test?sslmode=require"))
        #expect(try await Self.encrypted("postgres://leadsmith@127.0.0.1:\(port)/leadsmith_test?sslmode=prefer"))
        #expect(try await Self.encrypted("postgres://leadsmith@127.0.0.1:\(port)/leadsmith_test?sslmode=verify-full&sslrootcert=\(ca)"))
        // 127.0.0.2 is not in the certificate, but verify-ca does not check names.
        #expect(try await Self.encrypted("postgres://leadsmith@127.0.0.2:\(port)/leadsmith_test?sslmode=verify-ca&sslrootcert=\(ca)"))
    }

    @Test(.enabled(if: enabled, why))
    func verifyFullAgainstAHostTheCertificateDoesNotNameFails() async throws {
        let (port, ca) = try Self.server()
        let e = try await Self.failure("postgres://leadsmith@127.0.0.2:\(port)/leadsmith_test?sslmode=verify-full&sslrootcert=\(ca)")
        #expect(e.exitCode == 74)
        #expect(e.message.contains("not valid for host \"127.0.0.2\""), "\(e.message)")
        #expect(e.message.contains("sslmode=verify-full"))
    }

    @Test(.enabled(if: enabled, why))
    func anUntrustedCertificateFails() async throws {
        let (port, _) = try Self.server()
        // The test CA is not in the system trust store.
        let e = try await Self.failure("postgres://leadsmith@localhost:\(port)/leadsmith_test?sslmode=verify-full&sslrootcert=system")
        #expect(e.message.contains("not signed by a trusted root"), "\(e.message)")
    }

    @Test(.enabled(if: enabled, why))
    func disableAgainstATLSOnlyServerIsRefusedWithAHint() async throws {
        let (port, _) = try Self.server()
        let e = try await Self.failure("postgres://leadsmith@127.0.0.1:\(port)/leadsmith_test?sslmode=disable")
        #expect(e.exitCode == 74)
        #expect(e.message.contains("no encryption"), "\(e.message)")
        #expect(e.message.contains("sslmode=require"))
    }

    @Test(.enabled(if: Backend.postgresURL != nil, "PostgreSQL tests skipped: LEADSMITH_TEST_POSTGRES_URL is not set"))
    func preferFallsBackToPlainAndRequireFailsOnAServerWithoutTLS() async throws {
        let plain = try #require(Backend.postgresURL)
        #expect(try await !Self.encrypted(plain))  // the default, prefer
        let e = try await Self.failure(plain + "?sslmode=require")
        #expect(e.message.contains("does not accept TLS"), "\(e.message)")
    }

    @Test func aMissingOrBadRootCertificateIsAConfigurationError() async throws {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let notPEM = try TestSupport.write("this is not a certificate\n", to: dir, name: "ca.crt")
        for path in [dir.appendingPathComponent("missing.crt").path, notPEM] {
            // Port 9 on loopback: nothing is contacted, the file is checked first.
            let e = try await Self.failure("postgres://x@127.0.0.1:9/db?sslmode=verify-full&sslrootcert=\(path)")
            #expect(e.exitCode == 78 && e.file == path, "\(e)")
        }
    }
}
