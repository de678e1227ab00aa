public import LeadCore
public import LeadIntake

/// A ``RawRecord`` as stored in the queue: everything a reader produced, so a worker cleans it
/// with its own rules exactly as `run` would have.
public struct StoredRecord: Sendable, Codable, Equatable {
    struct Pair: Sendable, Codable, Equatable {
        var n: String
        var v: String
    }

    struct Message: Sendable, Codable, Equatable {
        var role: String
        var author: String?
        var at: String?
        var text: String
    }

    var source: String
    var file: String
    var record: Int
    var line: Int
    var sourceID: String?
    var fields: [String: String]
    var extra: [Pair]
    var consent: Bool?
    var timestamp: String?
    var transcript: [Message]
    var truncated: Bool
    var partial: Pair?
    var raw: String

    /// Captures a reader's record.
    public init(_ r: RawRecord) {
        source = r.source.rawValue
        file = r.file
        record = r.record
        line = r.line
        sourceID = r.sourceID
        fields = r.fields
        extra = r.extra.map { Pair(n: $0.name, v: $0.value) }
        consent = r.consent
        timestamp = r.timestamp
        transcript = r.transcript.map { Message(role: $0.role, author: $0.author, at: $0.at, text: $0.text) }
        truncated = r.truncated
        partial = r.partialField.map { Pair(n: $0.name, v: $0.value) }
        raw = r.raw
    }

    /// The reader's record again.
    /// - Throws: `internal` when the stored source kind is unknown (a newer writer).
    public func rawRecord() throws(LeadsmithError) -> RawRecord {
        guard let kind = SourceKind(rawValue: source) else {
            throw LeadsmithError(.internalError, "stored record has an unknown source kind '\(source)'")
        }
        return RawRecord(
            source: kind, file: file, record: record, line: line, sourceID: sourceID, fields: fields,
            extra: extra.map { (name: $0.n, value: $0.v) }, consent: consent, timestamp: timestamp,
            transcript: transcript.map { ChatMessage(role: $0.role, author: $0.author, at: $0.at, text: $0.text) },
            truncated: truncated, partialField: partial.map { (name: $0.n, value: $0.v) }, raw: raw)
    }
}
