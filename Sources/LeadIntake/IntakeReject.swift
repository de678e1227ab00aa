public import LeadCore

/// A record that could not be read at all (it never becomes a lead), with the reason.
public struct IntakeReject: Sendable, Error {
    /// The kind of source being read.
    public var source: SourceKind
    /// The path as given on the command line (`"-"` for stdin).
    public var file: String
    /// The record number in the same numbering as ``RawRecord/record`` (NDJSON: physical line).
    public var record: Int
    /// 1-based physical line where the rejected text starts (0 for a reject of a whole file).
    public var line: Int
    /// Stable reason: see ``IntakeReject/Reason``.
    public var reasonCode: String
    /// A readable explanation, without lead PII.
    public var reason: String
    /// The rejected text, capped at about 4 KB.
    public var raw: String

    /// Creates a reject.
    public init(source: SourceKind, file: String, record: Int, line: Int, reasonCode: String, reason: String, raw: String) {
        self.source = source
        self.file = file
        self.record = record
        self.line = line
        self.reasonCode = reasonCode
        self.reason = reason
        self.raw = raw
    }

    /// The `leadsmith/reject@1` output record (PRODUCT.md), keys in contract order:
    /// `schema, stage, reason_code, reason, source, file, record, raw`.
    public var json: JSONValue {
        .object([
            ("schema", .string("leadsmith/reject@1")),
            ("stage", .string("intake")),
            ("reason_code", .string(reasonCode)),
            ("reason", .string(reason)),
            ("source", .string(source.rawValue)),
            ("file", .string(file)),
            ("record", .int(record)),
            ("line", .int(line)),
            ("raw", .string(raw)),
        ])
    }

    /// The reason codes readers use (`reject@1` `reason_code` values).
    public enum Reason {
        /// The line is not JSON (a log line, an HTML error page, …).
        public static let notJSON = "not_json"
        /// A JSON object that was cut off before its end.
        public static let truncatedJSON = "truncated_json"
        /// Valid JSON, but not an object (`null`, a number, an array, …).
        public static let notAnObject = "not_an_object"
        /// An empty (or whitespace-only) line in an NDJSON file.
        public static let blankLine = "blank_line"
        /// A whole input file that is not text (a workbook, image, archive …): one reject, record 0, line 0.
        public static let notText = "not_text"
    }
}

/// What a reader yields: a record to clean, or a reject to report.
public enum IntakeItem: Sendable {
    /// A record (possibly truncated).
    case record(RawRecord)
    /// A record that could not be read.
    case reject(IntakeReject)
}

/// A pull-based streaming reader of one input.
///
/// Memory stays flat for big CSV/NDJSON files and stdin; chatbot JSON documents are read whole.
public protocol RecordReader {
    /// The kind of source this reader reads.
    var source: SourceKind { get }
    /// The next record or reject, or `nil` at the end of the input.
    /// - Throws: ``LeadsmithError`` `.inputMissing` when the input cannot be read any more (I/O error).
    mutating func next() throws(LeadsmithError) -> IntakeItem?
}
