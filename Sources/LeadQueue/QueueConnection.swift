import Foundation
public import LeadCore
public import Logging
import PostgresNIO

/// Where a queue lives, parsed from `--queue URL`.
public enum QueueLocation: Sendable, Equatable {
    /// `sqlite:PATH` (a file; relative paths are relative to the working directory).
    case sqlite(path: String)
    /// `postgres://user:password@host:port/database?sslmode=…&sslrootcert=…` (see ``PostgresTLS``).
    case postgres(host: String, port: Int, user: String, password: String?, database: String, tls: PostgresTLS = .default)

    /// The queue used when no `--queue` is given.
    public static let defaultURL = "sqlite:.leadsmith/queue.sqlite"

    /// Parses a queue URL; `nil` gives ``defaultURL``.
    /// - Throws: `usage` (64) for an unknown scheme or a malformed URL.
    public static func parse(_ text: String?) throws(LeadsmithError) -> QueueLocation {
        let s = text ?? defaultURL
        if s.hasPrefix("sqlite:") {
            var path = String(s.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw LeadsmithError(.usage, "--queue sqlite: needs a file path (sqlite:PATH)") }
            return .sqlite(path: path)
        }
        if s.hasPrefix("postgres://") || s.hasPrefix("postgresql://") {
            guard let c = URLComponents(string: s), let host = c.host, !host.isEmpty else {
                throw LeadsmithError(.usage, "--queue: malformed PostgreSQL URL (postgres://user:password@host:port/database)")
            }
            let db = String(c.path.drop(while: { $0 == "/" }))
            let user = c.user ?? "postgres"
            let tls = try PostgresTLS.parse(c.queryItems ?? [])
            return .postgres(host: host, port: c.port ?? 5432, user: user, password: c.password,
                             database: db.isEmpty ? user : db, tls: tls)
        }
        throw LeadsmithError(.usage, "--queue: unknown queue URL; use sqlite:PATH or postgres://user@host:port/database")
    }
}

/// Opens a queue for the duration of a closure: migrations applied, connections closed after.
public enum QueueConnection {
    /// Runs `body` with an open, migrated queue.
    /// - Throws: `output_failed` (74) when the queue cannot be opened or migrated; `body`'s errors as they are.
    public static func with<T: Sendable>(_ location: QueueLocation, logger: Logger,
                                         _ body: (any QueueDriver) async throws -> T) async throws -> T {
        switch location {
        case .sqlite(let path):
            let queue = try SQLiteQueue(path: path)
            try await QueueError.wrap { try await queue.migrate() }
            return try await body(queue)
        case .postgres(let host, let port, let user, let password, let database, let tls):
            var config = PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                                      database: database, tls: try tls.clientTLS())
            config.options.maximumConnections = 8
            var background = logger
            // postgres-nio warns when the first query races `run()` starting; real errors are thrown.
            if background.logLevel < .error { background.logLevel = .error }
            // One plain connection first: the pool retries failed connections and then reports only
            // that it gave up, while a single connection fails at once with the server's or TLS's reason.
            do {
                let probe = try await PostgresConnection.connect(
                    configuration: .init(host: host, port: port, username: user, password: password, database: database,
                                         tls: try tls.connectionTLS()),
                    id: 0, logger: background)
                try await probe.close()
            } catch {
                throw connectError(error, host: host, port: port, tls: tls)
            }
            let client = PostgresClient(configuration: config, backgroundLogger: background)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                let queue = PostgresQueue(client: client, logger: logger)
                do {
                    try await queue.migrate()
                } catch {
                    throw connectError(error, host: host, port: port, tls: tls)
                }
                return try await body(queue)
            }
        }
    }

    /// The first query's failure as a ``LeadsmithError`` (74) that says where and, for TLS and
    /// `pg_hba.conf` refusals, why and what to change.
    static func connectError(_ error: any Error, host: String, port: Int, tls: PostgresTLS) -> LeadsmithError {
        if let e = error as? LeadsmithError { return e }
        let place = "cannot use the PostgreSQL queue at \(host):\(port)"
        if let why = PostgresTLS.explain(error, host: host, tls: tls) {
            return LeadsmithError(.outputFailed, "\(place): \(why)", debugDetail: String(reflecting: error))
        }
        var message = QueueError.describe(error)
        if message.contains("no encryption") {
            message += " (the server accepts only TLS connections here: use sslmode=require or verify-full instead of sslmode=disable)"
        }
        return LeadsmithError(.outputFailed, "\(place): queue database error: \(message)", debugDetail: String(reflecting: error))
    }
}
