public import LeadCore
import LeadHTML

/// Opening lead inputs: format detection and the reader for each source.
public enum Intake {
    /// Opens `path` (`"-"` = stdin), detects the format from the content (the first bytes, not the
    /// extension) unless `source` is given, and returns a reader.
    ///
    /// An empty (or whitespace-only) input has zero records and is not an error.
    ///
    /// - Parameters:
    ///   - path: The input path as given on the command line, or `"-"` for stdin.
    ///   - source: The `--source` override, or `nil` to detect.
    ///   - headers: Header synonyms (`rules/intake/headers.yaml`).
    /// UTF-16 input (Excel's "Unicode text": UTF-16LE with a BOM, tab-separated) is read as text.
    /// A file that is not text at all (an `.xlsx` workbook, an image, an archive, random bytes) is not
    /// an error: its reader yields one file-level reject, ``IntakeReject/Reason/notText``, record 0.
    ///
    /// - Returns: A streaming reader.
    /// - Throws: ``LeadsmithError`` `.inputMissing` (exit 66) when the path is missing, a directory or
    ///   unreadable; `.inputUnusable` (exit 65) when the whole (text) input is unusable for the forced
    ///   or detected source, or the format cannot be detected.
    public static func open(path: String, source: SourceKind?, headers: HeaderSynonyms) throws(LeadsmithError) -> any RecordReader {
        let input = try ByteSource(path: path)
        let prefix = input.prefix
        if FormatDetector.isBlank(prefix) && input.atEOF {
            return EmptyReader(source: source ?? .newsletter)
        }
        if let why = BinarySniffer.binaryReason(prefix) {
            return NotTextReader(source: source ?? SourceKind(guessedFromName: path), file: path, why: why)
        }
        let kind: SourceKind
        if let source {
            kind = source
        } else if let detected = FormatDetector.detect(prefix: prefix, headers: headers) {
            kind = detected
        } else {
            throw LeadsmithError(.inputUnusable, "cannot detect the input format (not a CSV with a header row, a chat export or form-submission NDJSON); pass --source newsletter|chatbot|download", file: path)
        }
        switch kind {
        case .newsletter:
            if FormatDetector.firstContentByte(prefix).map({ $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }) == true {
                throw LeadsmithError(.inputUnusable, "not a newsletter CSV: the input is JSON", file: path, line: 1)
            }
            return NewsletterCSVReader(input: input, file: path, headers: headers)
        case .chatbot:
            return try ChatbotJSONReader(input: input, file: path, headers: headers)
        case .download:
            if !FormatDetector.hasJSONObjectLine(prefix) {
                throw LeadsmithError(.inputUnusable, "not form-submission NDJSON: no line in the first \(ByteSource.chunkSize / 1024) KB is a JSON object", file: path, line: 1)
            }
            return DownloadNDJSONReader(input: input, file: path, headers: headers)
        }
    }

    /// Detects the source kind from the first bytes of an input (up to 64 KB), or `nil` when unknown.
    ///
    /// JSON (first non-space byte `{`/`[`): a document with `conversations`, or conversation objects
    /// (with `visitor`/`messages`) → chatbot; lines of objects with `fields` → download. Lines that
    /// are mostly JSON objects (NDJSON with junk lines) are recognised even when the first line is
    /// junk. Otherwise CSV (newsletter) when the first line has `,` `;` tab or `|` separators.
    public static func detect(prefix: [UInt8]) -> SourceKind? {
        FormatDetector.detect(prefix: prefix, headers: nil)
    }
}

/// A reader of an empty input.
struct EmptyReader: RecordReader {
    let source: SourceKind
    mutating func next() throws(LeadsmithError) -> IntakeItem? { nil }
}

/// The reader of a file that is not text: one reject for the whole file, then the end.
struct NotTextReader: RecordReader {
    let source: SourceKind
    let file: String
    let why: String
    private var done = false

    init(source: SourceKind, file: String, why: String) {
        self.source = source
        self.file = file
        self.why = why
    }

    mutating func next() throws(LeadsmithError) -> IntakeItem? {
        guard !done else { return nil }
        done = true
        let reason = "not a text file (\(why)); export it as CSV (UTF-8 or UTF-16 \"Unicode text\"), JSON or NDJSON"
        return .reject(IntakeReject(source: source, file: file, record: 0, line: 0,
                                    reasonCode: IntakeReject.Reason.notText, reason: reason, raw: ""))
    }
}

extension SourceKind {
    /// The source a file name suggests, for labelling a file whose content cannot tell
    /// (`.json` → chatbot, `.ndjson`/`.jsonl` → download, anything else → newsletter).
    init(guessedFromName path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") {
            self = .chatbot
        } else if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") {
            self = .download
        } else {
            self = .newsletter
        }
    }
}
