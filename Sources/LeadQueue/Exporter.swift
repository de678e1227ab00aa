import Foundation
public import LeadCore
public import LeadHandoff
import LeadIntake

/// `leadsmith export`: streams a batch's stored lead lines (and rejects) as NDJSON in input order,
/// page by page, so memory does not grow with the batch.
///
/// Idempotent: the same queue gives the same bytes (lines ordered by each person's first record,
/// as `run` writes them). Resumable: a file export goes to `FILE.partial` and is renamed when
/// complete; `resume` continues a `.partial` left by an interrupted export after its last complete line.
public struct Exporter: Sendable {
    let driver: any QueueDriver
    /// The batch exported.
    public let batch: String
    /// Lead statuses written; `nil` writes every lead (`--all`).
    public let statuses: [String]?
    let pageSize: Int
    /// The output format (`--format`): NDJSON lines as stored, or a CRM import CSV.
    public var format: OutputFormat = .ndjson
    /// People not to hand over (`export --suppress`): their lines are left out and counted.
    public var suppression: SuppressionList?
    /// Stamped as `retain_until` on every lead line (`export --retain-days`), `nil` for none.
    public var retainUntil: String?

    /// What an export wrote.
    public struct Report: Sendable, Equatable {
        /// Lead lines written by this call (lines kept from a resumed partial file not included).
        public var leads = 0
        /// Lead lines kept from an interrupted export.
        public var resumed = 0
        /// Reject lines written.
        public var rejects = 0
        /// Jobs not finished yet (pending or leased): the export is partial when this is not 0.
        public var unfinished = 0
        /// Dead jobs: their leads are missing until they are re-enqueued.
        public var dead = 0
        /// Lead lines left out because the person is on the suppression list.
        public var suppressed = 0
    }

    /// Creates an exporter.
    /// - Parameter statuses: `["qualified"]` by default, as `run`; `nil` for every lead.
    public init(driver: any QueueDriver, batch: String, statuses: [String]? = ["qualified"], pageSize: Int = 1000) {
        self.driver = driver
        self.batch = batch
        self.statuses = statuses
        self.pageSize = max(1, pageSize)
    }

    /// Writes the leads to `out` (a file path, or standard output when `nil` or `-`) and the rejects to `rejectsPath`.
    /// - Throws: `output_failed` (74) for write or queue errors.
    public func export(out: String?, rejectsPath: String?, resume: Bool = false) async throws(LeadsmithError) -> Report {
        var report = Report()
        let status = try await QueueError.wrap { try await driver.status(batch: batch, now: Date()) }
        report.unfinished = (status.jobs["pending"] ?? 0) + (status.jobs["leased"] ?? 0)
        report.dead = status.jobs["dead"] ?? 0

        if resume && format.isCSV {
            throw LeadsmithError(.usage, "--resume continues NDJSON exports only; export the CSV again")
        }
        let sink = try NDJSONSink(path: out, resume: resume)
        if format.isCSV { try sink.write(raw: format.preamble) }
        var skip = sink.keptLines
        report.resumed = skip
        var after: Int64 = 0
        while true {
            let (a, s) = (after, statuses)
            let page = try await QueueError.wrap { try await driver.results(batch: batch, statuses: s, after: a, limit: pageSize) }
            for row in page {
                var line = row.line
                var parsed: JSONValue? = nil
                if suppression != nil || format.isCSV {
                    guard let value = JSONText.parse(line) else {
                        throw LeadsmithError(.internalError, "a stored lead line is not JSON (queue sequence \(row.seq))")
                    }
                    parsed = value
                }
                if let suppression, let p = parsed, Self.isSuppressed(p, by: suppression) {
                    report.suppressed += 1
                    continue
                }
                if let retainUntil {
                    // Lines are leadsmith's own compact JSON objects: the key goes last, as `run` writes it.
                    line = String(line.dropLast()) + ",\"retain_until\":\"\(retainUntil)\"}"
                    if case .object(var pairs)? = parsed {
                        pairs.append(("retain_until", .string(retainUntil)))
                        parsed = .object(pairs)
                    }
                }
                if skip > 0 { skip -= 1; continue }
                if format.isCSV, let p = parsed {
                    try sink.write(raw: format.render(p))
                } else {
                    try sink.write(line)
                }
                report.leads += 1
            }
            guard let last = page.last, page.count == pageSize else { break }
            after = last.seq
        }
        try sink.finish()

        if let rejectsPath {
            let r = try NDJSONSink(path: rejectsPath, resume: false)
            after = 0
            while true {
                let a = after
                let page = try await QueueError.wrap { try await driver.rejects(batch: batch, after: a, limit: pageSize) }
                for row in page { try r.write(row.line) }
                report.rejects += page.count
                guard let last = page.last, page.count == pageSize else { break }
                after = last.seq
            }
            try r.finish()
        }
        return report
    }
}

extension Exporter {
    /// Whether a stored lead line's person is on the list (address, its domain, the company domain and its redirects).
    static func isSuppressed(_ line: JSONValue, by list: SuppressionList) -> Bool {
        let email = line.at("person.email")?.text
        var domains: [String] = []
        if let e = email, let at = e.lastIndex(of: "@") { domains.append(String(e[e.index(after: at)...])) }
        if let d = line.at("company.domain")?.text { domains.append(d) }
        domains += (line.at("company.redirected_from")?.items ?? []).compactMap(\.text)
        let parsed = EmailParser.parse(email)
        return list.contains(email: parsed.email ?? email, key: parsed.groupKey, domains: domains)
    }
}

/// A buffered NDJSON writer: standard output, or a file written as `FILE.partial` and renamed
/// into place by ``finish()`` so a reader never sees half an export.
final class NDJSONSink {
    private let handle: FileHandle
    private let path: String?
    private let partial: String?
    private var buffer: [UInt8] = []
    /// Complete lines already in a resumed partial file.
    private(set) var keptLines = 0

    init(path: String?, resume: Bool) throws(LeadsmithError) {
        guard let path, path != "-" else {
            handle = .standardOutput
            self.path = nil
            partial = nil
            return
        }
        // A device, pipe or other special file (`--out /dev/null`, a FIFO) is written in place:
        // renaming a partial file over it would replace it with a regular file.
        if let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType,
           type != .typeRegular {
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw LeadsmithError(.outputFailed, "cannot open output: \(String(cString: strerror(errno)))", file: path)
            }
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            self.path = nil
            partial = nil
            return
        }
        self.path = path
        let partial = path + ".partial"
        self.partial = partial
        if resume, let data = FileManager.default.contents(atPath: partial) {
            // Keep the complete lines; drop a half-written last line.
            let complete = data.lastIndex(of: 0x0A).map { data.prefix(through: $0) } ?? Data()
            keptLines = complete.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            guard FileManager.default.createFile(atPath: partial, contents: complete),
                  let h = FileHandle(forWritingAtPath: partial) else {
                throw LeadsmithError(.outputFailed, "cannot reopen the partial export", file: partial)
            }
            handle = h
            do { try handle.seekToEnd() } catch {
                throw LeadsmithError(.outputFailed, "cannot seek in the partial export: \(error)", file: partial)
            }
        } else {
            guard FileManager.default.createFile(atPath: partial, contents: nil),
                  let h = FileHandle(forWritingAtPath: partial) else {
                throw LeadsmithError(.outputFailed, "cannot create output file (check the folder exists and is writable)", file: path)
            }
            handle = h
        }
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ line: String) throws(LeadsmithError) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends text as it is (a CSV header or row with its own line ending).
    func write(raw text: String) throws(LeadsmithError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws(LeadsmithError) {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: Data(buffer)) } catch {
            throw LeadsmithError(.outputFailed, "cannot write output: \(error)", file: path ?? "<stdout>")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws(LeadsmithError) {
        try flush()
        guard let path, let partial else { return }
        do {
            try handle.synchronize()
            try handle.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            throw LeadsmithError(.outputFailed, "cannot finish output: \(error)", file: path)
        }
    }
}
