import LeadCore

/// Reads download-form submissions, one JSON object per line (HubSpot-like).
///
/// Record number = physical line. Blank lines, non-JSON lines, cut-off objects and non-objects
/// are rejects (`blank_line`, `not_json`, `truncated_json`, `not_an_object`) and reading goes on.
struct DownloadNDJSONReader: RecordReader {
    let source = SourceKind.download
    private let file: String
    private let headers: HeaderSynonyms
    private let names: NameResolver
    private var lines: LineReader

    init(input: ByteSource, file: String, headers: HeaderSynonyms) {
        self.file = file
        self.headers = headers
        self.names = NameResolver(headers)
        lines = LineReader(initial: input.takePrefix()) { () throws(LeadsmithError) -> [UInt8] in try input.next() }
    }

    mutating func next() throws(LeadsmithError) -> IntakeItem? {
        guard let line = try lines.next() else { return nil }
        let n = lines.lineNumber
        if lines.overlong {
            return .reject(IntakeReject(source: .download, file: file, record: n, line: n, reasonCode: IntakeReject.Reason.notJSON,
                                        reason: "line longer than \(LineReader.defaultMaxLineBytes >> 20) MB; not a form submission", raw: NDJSONLine.rawText(Array(line.prefix(4096)))))
        }
        switch NDJSONLine.classify(line) {
        case .reject(let code, let reason):
            return .reject(IntakeReject(source: .download, file: file, record: n, line: n, reasonCode: code,
                                        reason: reason, raw: NDJSONLine.rawText(line)))
        case .object(let pairs, let repaired):
            var record = FormSubmission.record(pairs, names: names, file: file, record: n, line: n)
            if repaired { record.extra.append(("encoding_warning", "invalid UTF-8 replaced with U+FFFD")) }
            record.raw = NDJSONLine.rawText(line)
            return .record(record)
        }
    }
}

/// Turns one form-submission object into a ``RawRecord``.
enum FormSubmission {
    static func record(_ pairs: [(String, JSONValue)], names: NameResolver, file: String, record: Int, line: Int) -> RawRecord {
        var r = RawRecord(source: .download, file: file, record: record, line: line)
        r.fields.reserveCapacity(16)
        let keys = names.headers.form
        var fieldsSeen = false
        var idSeen = false
        var timeSeen = false
        var consentSeen = false
        for (name, value) in pairs {
            let k = names.key(name)
            if !idSeen, keys.id.contains(k), let text = value.fieldText, !isContainer(value) {
                idSeen = true
                r.sourceID = text
                continue
            }
            if !fieldsSeen, keys.fields.contains(k) {
                if case .array(let items) = value {
                    fieldsSeen = true
                    for (i, item) in items.enumerated() {
                        addFormField(item, index: i, fieldsKey: name, names: names, to: &r)
                    }
                    continue
                }
                if case .object(let pairs) = value {
                    // Fields as an object of name: value pairs (other form tools).
                    fieldsSeen = true
                    for (fieldName, fieldValue) in pairs {
                        RecordFields.add(name: fieldName, label: fieldName, value: fieldValue, names: names, to: &r)
                    }
                    continue
                }
            }
            if !timeSeen, keys.submittedAt.contains(k), let iso = timestamp(value) {
                timeSeen = true
                r.timestamp = iso
                continue
            }
            if !consentSeen, keys.consent.contains(k) {
                consentSeen = true
                readConsent(value, name: name, names: names, to: &r)
                continue
            }
            add(name: name, value: value, names: names, to: &r)
        }
        return r
    }

    static func isContainer(_ v: JSONValue) -> Bool {
        switch v {
        case .array, .object: return true
        default: return false
        }
    }

    /// A `{name, value}` entry of the `fields` array.
    private static func addFormField(_ item: JSONValue, index: Int, fieldsKey: String, names: NameResolver, to r: inout RawRecord) {
        guard case .object(let pairs) = item else {
            if let text = item.fieldText { r.extra.append(("\(fieldsKey)[\(index)]", text)) }
            return
        }
        let obj = KeyedObject(pairs, names: names)
        guard let (_, nameValue) = obj.first(names.headers.form.fieldName), case .string(let fieldName) = nameValue else {
            r.extra.append(("\(fieldsKey)[\(index)]", item.serialized))
            return
        }
        let value = obj.first(names.headers.form.fieldValue)?.value ?? .null
        add(name: fieldName, value: value, names: names, to: &r)
    }

    /// Adds a named value: a canonical field (first non-empty wins), else `extra`.
    static func add(name: String, value: JSONValue, names: NameResolver, to r: inout RawRecord) {
        RecordFields.add(name: name, label: name, value: value, names: names, to: &r)
    }

    /// `consent` as a bool, or an object with `consentToProcess` (its other keys go to `extra`).
    private static func readConsent(_ value: JSONValue, name: String, names: NameResolver, to r: inout RawRecord) {
        switch value {
        case .object(let pairs):
            var found = false
            for (k, v) in pairs {
                if !found, names.headers.form.consentFlag.contains(names.key(k)), let b = names.bool(v) {
                    found = true
                    r.consent = b
                } else if let text = v.fieldText, !text.isEmpty {
                    r.extra.append(("\(name).\(k)", text))
                }
            }
        case .null:
            break
        default:
            if let b = names.bool(value) {
                r.consent = b
            } else if let text = value.fieldText, !text.isEmpty {
                r.extra.append((name, text))
            }
        }
    }

    /// Epoch milliseconds (or seconds), or an ISO/export date string, as ISO-8601 UTC.
    static func timestamp(_ value: JSONValue) -> String? {
        switch value {
        case .int(let n):
            if n >= 100_000_000_000 { return Timestamps.iso(epochMilliseconds: n) }
            return n > 0 ? Timestamps.iso(epochMilliseconds: n * 1000) : nil
        case .double(let d) where d.isFinite && abs(d) < 1e15:
            let n = Int(d)
            if n >= 100_000_000_000 { return Timestamps.iso(epochMilliseconds: n) }
            return n > 0 ? Timestamps.iso(epochMilliseconds: n * 1000) : nil
        case .string(let s):
            return Timestamps.iso(exportText: s)
        default:
            return nil
        }
    }
}
