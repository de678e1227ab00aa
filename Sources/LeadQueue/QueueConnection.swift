import Foundation
public import LeadCore
public import Logging
import PostgresNIO

/// Where a queue lives, parsed from `--queue URL`.
public enum QueueLocation: Sendable, Equatable {
    /// `sqlite:PATH` (a file; relative paths are relative to the working directory).
    case sqlite(path: String)
    /// `postgres://user:password@host:port/database`.
    case postgres(host: String, port: Int, user: String, password: String?, database: String)

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
            return .postgres(host: host, port: c.port ?? 5432, user: user, password: c.password,
                             database: db.isEmpty ? user : db)
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
        case .postgres(let host, let port, let user, let password, let database):
            var config = PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                                      database: database, tls: .disable)
            config.options.maximumConnections = 8
            var background = logger
            // postgres-nio warns when the first query races `run()` starting; real errors are thrown.
            if background.logLevel < .error { background.logLevel = .error }
            let client = PostgresClient(configuration: config, backgroundLogger: background)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                let queue = PostgresQueue(client: client, logger: logger)
                try await QueueError.wrap { try await queue.migrate() }
                return try await body(queue)
            }
        }
    }
}
