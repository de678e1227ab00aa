import Foundation
import LeadCore
import LeadPipeline
import LeadQueue
import LeadResearch
import LeadTestSupport
import Logging
import Testing

/// The engines the shared suite runs on. PostgreSQL joins when `LEADSMITH_TEST_POSTGRES_URL` is
/// set (CI sets it through `scripts/ci-postgres.sh`); otherwise ``QueueSkipTests`` says why it skipped.
/// `postgresTLS` joins when `LEADSMITH_TEST_POSTGRES_TLS_URL` is set (`scripts/ci-postgres.sh tls`):
/// the same suite over TLS with `sslmode=verify-full` against the test CA.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres, postgresTLS

    static func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var postgresURL: String? { environment("LEADSMITH_TEST_POSTGRES_URL") }
    static var postgresTLSURL: String? { environment("LEADSMITH_TEST_POSTGRES_TLS_URL") }

    /// The engines available here.
    static var available: [Backend] {
        [.sqlite] + (postgresURL == nil ? [] : [.postgres]) + (postgresTLSURL == nil ? [] : [.postgresTLS])
    }

    var testDescription: String { rawValue }

    /// Runs `body` with a migrated queue. Each call gets its own SQLite file; PostgreSQL tests share
    /// one database and keep apart by using a unique batch name (``QueueFixture/batch``).
    func withQueue<T: Sendable>(_ body: (any QueueDriver, QueueFixture) async throws -> T) async throws -> T {
        let fixture = try QueueFixture()
        defer { fixture.remove() }
        let location: QueueLocation
        switch self {
        case .sqlite: location = .sqlite(path: fixture.dir.appendingPathComponent("queue.sqlite").path)
        case .postgres: location = try QueueLocation.parse(Self.postgresURL)
        case .postgresTLS: location = try QueueLocation.parse(Self.postgresTLSURL)
        }
        return try await QueueConnection.with(location, logger: QueueFixture.logger) { driver in
            try await body(driver, fixture)
        }
    }
}

/// Small inline inputs and a one-company site snapshot, in a temporary folder.
struct QueueFixture: Sendable {
    static let logger = Logger(label: "leadsmith.test") { _ in SwiftLogNoOpLogHandler() }
    static let stages: LeadStages = {
        do { return try LeadStages(rules: TestSupport.rules) } catch { fatalError("rules folder does not load: \(error)") }
    }()

    let dir: URL
    /// A batch name unique to this test run.
    let batch = "test-\(UInt64.random(in: 0...UInt64.max))"

    init() throws {
        dir = try TestSupport.makeTemporaryDirectory()
        let sites = dir.appendingPathComponent("sites/acme-tools.nl")
        try FileManager.default.createDirectory(at: sites, withIntermediateDirectories: true)
        _ = try TestSupport.write(Self.index, to: sites, name: "index.html")
        _ = try TestSupport.write(Self.team, to: sites, name: "team.html")
        _ = try TestSupport.write(Self.redirects, to: dir.appendingPathComponent("sites"), name: "_redirects.tsv")
        _ = try TestSupport.write(Self.signups, to: dir, name: "signups.csv")
        _ = try TestSupport.write(Self.forms, to: dir, name: "forms.ndjson")
    }

    var sites: String { dir.appendingPathComponent("sites").path }
    var signups: String { dir.appendingPathComponent("signups.csv").path }
    var forms: String { dir.appendingPathComponent("forms.ndjson").path }
    var inputs: [String] { [signups, forms] }

    func remove() { try? FileManager.default.removeItem(at: dir) }

    func researcher() throws -> CompanyResearcher {
        try LeadStages.snapshotResearcher(sitesDirectory: sites, rules: TestSupport.rules)
    }

    func enqueuer(_ driver: any QueueDriver) -> Enqueuer {
        Enqueuer(driver: driver, stages: Self.stages, batch: batch, chunkSize: 3, logger: Self.logger)
    }

    func worker(_ driver: any QueueDriver, research: Bool = true, configure: (inout WorkerConfiguration) -> Void = { _ in }) throws -> QueueWorker {
        var config = WorkerConfiguration()
        config.batch = batch
        config.pollInterval = 0.02
        config.backoffBase = 0
        configure(&config)
        return QueueWorker(driver: driver, stages: Self.stages, researcher: research ? try researcher() : nil,
                           configuration: config, logger: Self.logger)
    }

    /// What `leadsmith run --all` writes for the same inputs: the reference for the queue's export.
    func runAll(inputs: [String]? = nil) async throws -> (leads: String, rejects: String) {
        let leads = dir.appendingPathComponent("run-leads.ndjson").path
        let rejects = dir.appendingPathComponent("run-rejects.ndjson").path
        let options = RunOptions(inputs: inputs ?? self.inputs, sitesDirectory: sites, rules: TestSupport.rules,
                                 outPath: leads, all: true, rejectsPath: rejects)
        _ = try await RunJob(options: options, logger: Self.logger).run()
        let out = (try String(contentsOfFile: leads, encoding: .utf8), try String(contentsOfFile: rejects, encoding: .utf8))
        let invalid = TestSupport.schemaErrors(leads: out.0, rejects: out.1)
        #expect(invalid.isEmpty, "schemas/: \(invalid.prefix(5))")
        return out
    }

    /// The queue's export as text.
    func export(_ driver: any QueueDriver, statuses: [String]? = nil) async throws -> (leads: String, rejects: String, report: Exporter.Report) {
        let leads = dir.appendingPathComponent("export-leads.ndjson").path
        let rejects = dir.appendingPathComponent("export-rejects.ndjson").path
        let report = try await Exporter(driver: driver, batch: batch, statuses: statuses, pageSize: 2)
            .export(out: leads, rejectsPath: rejects)
        let out = (try String(contentsOfFile: leads, encoding: .utf8), try String(contentsOfFile: rejects, encoding: .utf8))
        let invalid = TestSupport.schemaErrors(leads: out.0, rejects: out.1)
        #expect(invalid.isEmpty, "schemas/: \(invalid.prefix(5))")
        return (out.0, out.1, report)
    }

    static let index = """
        <!DOCTYPE html>
        <html lang="nl"><head><meta charset="utf-8"><title>Acme Tools</title>
        <meta property="og:site_name" content="Acme Tools">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Acme Tools","legalName":"Acme Tools B.V.","foundingDate":"1998","numberOfEmployees":180,"address":{"@type":"PostalAddress","addressCountry":"NL","addressLocality":"Utrecht"},"telephone":"+31 30 123 4567","sameAs":["https://www.linkedin.com/company/acme-tools/"]}</script>
        </head><body><h1>Acme Tools</h1><p>Gereedschap voor de bouw.</p></body></html>
        """
    static let team = """
        <!DOCTYPE html>
        <html lang="nl"><head><meta charset="utf-8"><title>Team - Acme Tools</title></head>
        <body><h1>Ons team</h1>
        <div class="card"><h3>Anna de Boer</h3><p class="role">Marketing Manager</p></div>
        <div class="card"><h3>Jan de Vries</h3><p class="role">Hoofd Verkoop</p></div>
        </body></html>
        """
    static let redirects = "# from_domain\tto_domain\tstatus\nacme-old.nl\tacme-tools.nl\t301\nloop-a.de\tloop-b.de\t301\nloop-b.de\tloop-a.de\t302\n"
    static let signups = """
        Email Address;First Name;Last Name;Company;Job Title;Phone Number;Website
        jan.devries@acme-tools.nl;JAN;DE VRIES;Acme Tools;Hoofd Verkoop;030 123 4567;
        anna.deboer@acme-tools.nl;Anna;de Boer;Acme Tools;;;
        Jan.DeVries@Acme-Tools.nl;Jan;;Acme;;;
        piet@acme-old.nl;Piet;Jansen;Acme;CEO & Co-Founder;;
        someone@gmail.com;Some;One;n/a;Marketing Intern;;https://www.linkedin.com/company/x
        not-an-email;No;Mail;Loop Co;Engineer;;https://loop-a.de
        cut@acme-tools.nl;Cut;"Off the edge of the
        """
    static let forms = """
        {"conversionId":"a1","submittedAt":1732715278000,"fields":[{"name":"email","value":"jan.devries+ebook@acme-tools.nl"},{"name":"jobtitle","value":"Sales Director"},{"name":"numemployees","value":"50-100"}],"consent":{"consentToProcess":false}}
        not json at all

        {"conversionId":"a2","submittedAt":1732715278000,"fields":[{"name":"email","value":"x@nowhere-site.fr"},{"name":"company","value":"Nowhere"},{"name":"numemployees","value":"1000+"},{"name":"country","value":"France"}]}

        """
}

/// The lead ids of NDJSON lead lines, in order.
func leadIDs(_ text: String) throws -> [String] {
    try TestSupport.ndjsonObjects(text).compactMap { $0["lead_id"] as? String }
}
