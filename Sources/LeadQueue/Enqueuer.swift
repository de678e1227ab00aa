public import Foundation
public import LeadCore
import LeadIntake
public import LeadHandoff
public import LeadPipeline
public import Logging
import PostgresNIO

/// `leadsmith enqueue`: reads input files, cleans each record for its dedupe key and company
/// domain, and stores the raw records in the queue, one job per person (dedupe across the batch
/// as in `run`).
///
/// Each file is identified by its content hash: enqueueing it again is a no-op unless `again`.
/// Records go in chunks, each one transaction; a pass interrupted by a crash is completed by
/// enqueueing the file again (records already stored are skipped).
public struct Enqueuer: Sendable {
    let driver: any QueueDriver
    let stages: LeadStages
    /// The batch the records join.
    public let batch: String
    let source: SourceKind?
    let chunkSize: Int
    let logger: Logger

    /// What enqueueing one file did.
    public struct FileReport: Sendable, Equatable {
        /// The path as given.
        public var path: String
        /// `true` when the file was already enqueued and `again` was not set.
        public var skipped: Bool
        /// The input pass (1 = first).
        public var generation: Int
        /// Records read.
        public var records: Int
        /// Rejects read.
        public var rejects: Int
        /// What the store did (records new in this call, merged into earlier persons, reopened jobs).
        public var counts: EnqueueCounts
        /// Records held back by the suppression list (never stored, never researched).
        public var suppressed = 0
    }

    /// Creates an enqueuer.
    /// - Parameters:
    ///   - batch: The batch name (`default` unless `--batch`).
    ///   - source: Forces the source kind of every input (`--source`).
    public init(driver: any QueueDriver, stages: LeadStages, batch: String, source: SourceKind? = nil,
                chunkSize: Int = 500, logger: Logger) {
        self.driver = driver
        self.stages = stages
        self.batch = batch
        self.source = source
        self.chunkSize = max(1, chunkSize)
        self.logger = logger
    }

    /// People never to store or research (`enqueue --suppress`): their records are dropped and counted.
    public var suppression: SuppressionList?

    /// Enqueues one file; `"-"` reads standard input.
    ///
    /// Standard input is copied to a temporary file first (hashed on the way) and then enqueued like
    /// a file named `-`: its records say `file: "-"`, and the same content piped again is a repeat.
    /// - Parameter again: Enqueue a file already in the batch once more (its records join as new records).
    /// - Throws: ``LeadsmithError``: 66 missing input, 65 unusable input, 74 queue errors.
    /// - Parameter standardInput: What `-` reads (standard input unless a test gives a pipe).
    public func enqueue(path: String, again: Bool, standardInput: FileHandle = .standardInput) async throws(LeadsmithError) -> FileReport {
        guard path == "-" else {
            try LeadStages.checkReadable(path)
            return try await enqueue(reading: path, as: path, hash: try ContentHash.of(file: path), again: again)
        }
        let (copy, hash) = try ContentHash.spool(standardInput)
        defer { try? FileManager.default.removeItem(at: copy) }
        do {
            return try await enqueue(reading: copy.path, as: "-", hash: hash, again: again)
        } catch {
            var e = error
            if e.file == copy.path { e.file = "-" }
            throw e
        }
    }

    /// Enqueues the file at `readPath` under the name `path` (what records and rejects say).
    private func enqueue(reading readPath: String, as path: String, hash: String, again: Bool) async throws(LeadsmithError) -> FileReport {
        let state = try await QueueError.wrap { try await driver.input(batch: batch, hash: hash) }
        var generation = 1
        if let state {
            if state.complete {
                guard again else {
                    return FileReport(path: path, skipped: true, generation: state.generation, records: 0, rejects: 0, counts: EnqueueCounts())
                }
                generation = state.generation + 1
            } else {
                generation = state.generation  // finish an interrupted pass
            }
        }
        let g = generation
        try await QueueError.wrap { try await driver.startInput(batch: batch, hash: hash, path: path, generation: g, now: Date()) }
        var reader = try Intake.open(path: readPath, source: source, headers: stages.headers)
        var records: [QueuedRecord] = []
        var rejects: [QueuedReject] = []
        var report = FileReport(path: path, skipped: false, generation: generation, records: 0, rejects: 0, counts: EnqueueCounts())
        let encoder = JSONEncoder()
        func flush() async throws(LeadsmithError) {
            guard !records.isEmpty || !rejects.isEmpty else { return }
            let chunk = EnqueueChunk(batch: batch, hash: hash, generation: g, records: records, rejects: rejects)
            report.counts += try await QueueError.wrap { try await driver.enqueue(chunk, now: Date()) }
            records.removeAll(keepingCapacity: true)
            rejects.removeAll(keepingCapacity: true)
        }
        while let item = try reader.next() {
            switch item {
            case .record(var raw):
                raw.file = path
                let clean = stages.clean(raw)
                if let suppression, LeadStages.isSuppressed(clean, by: suppression) {
                    report.suppressed += 1
                    continue
                }
                report.records += 1
                let data: Data
                do { data = try encoder.encode(StoredRecord(raw)) } catch {
                    throw LeadsmithError(.internalError, "cannot encode a record for the queue: \(error)", file: path, line: raw.line)
                }
                records.append(QueuedRecord(recordNumber: raw.record, source: raw.source.rawValue, personKey: clean.emailKey,
                                            domain: clean.domain, data: String(decoding: data, as: UTF8.self)))
            case .reject(var r):
                r.file = path
                report.rejects += 1
                rejects.append(QueuedReject(recordNumber: r.record, source: r.source.rawValue, line: LeadStages.rejectLine(r).serialized))
            }
            if records.count + rejects.count >= chunkSize { try await flush() }
        }
        try await flush()
        let (n, j) = (report.records, report.rejects)
        try await QueueError.wrap { try await driver.finishInput(batch: batch, hash: hash, generation: g, records: n, rejects: j) }
        logger.info("enqueued input", metadata: ["queue.batch": "\(batch)", "queue.records": "\(n)", "queue.rejects": "\(j)"])
        return report
    }
}

/// Maps storage errors to ``LeadsmithError`` (74: the queue is the output of `enqueue` and `work`).
enum QueueError {
    static func wrap<T>(_ body: () async throws -> T) async throws(LeadsmithError) -> T {
        do {
            return try await body()
        } catch let e as LeadsmithError {
            throw e
        } catch {
            throw LeadsmithError(.outputFailed, "queue database error: " + describe(error), debugDetail: String(reflecting: error))
        }
    }

    /// A useful one-line description: PostgreSQL errors hide their server message in `description`.
    static func describe(_ error: any Error) -> String {
        if let p = error as? PSQLError {
            if let message = p.serverInfo?[.message] { return message }
            return "PostgreSQL \(p.code)"
        }
        return String(String(describing: error).prefix(400))
    }
}
