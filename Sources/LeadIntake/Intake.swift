public import LeadCore

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
    /// - Returns: A streaming reader.
    /// - Throws: ``LeadsmithError`` `.inputMissing` (exit 66) when the path is missing, a directory or
    ///   unreadable; `.inputUnusable` (exit 65) when the whole input is unusable for the forced or
    ///   detected source, or the format cannot be detected.
    public static func open(path: String, source: SourceKind?, headers: HeaderSynonyms) throws(LeadsmithError) -> any RecordReader {
        let input = try ByteSource(path: path)
        let prefix = input.prefix
        if FormatDetector.isBlank(prefix) && input.atEOF {
            return EmptyReader(source: source ?? .newsletter)
        }
        if FormatDetector.looksBinary(prefix) {
            throw LeadsmithError(.inputUnusable, "input looks binary (NUL bytes or an unsupported encoding such as UTF-16); export it as UTF-8 CSV or JSON", file: path)
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
