import Foundation
import LeadCore

/// Reads a newsletter CSV export (header row, `,`/`;`/tab/`|` delimiter) record by record.
///
/// Streams in 64 KB chunks. UTF-8 BOM stripped (UTF-16 arrives transcoded, see ``ByteSource``);
/// UTF-8 or windows-1252 decided per file (``EncodingDecision``); an Excel `sep=;` first line is
/// honoured; report lines above the header are skipped (``HeaderLine``); line breaks may be LF,
/// CRLF or CR, mixed. Record numbers count logical data records (header, lines above it and blank
/// lines excluded); each record's `line` is its physical line in the file.
struct NewsletterCSVReader: RecordReader {
    let source = SourceKind.newsletter
    private let file: String
    private let headers: HeaderSynonyms
    private var tokenizer: CSVTokenizer
    private var encoding = EncodingDecision()
    private var columns: [Column] = []
    private var headerRead = false
    private var recordNumber = 0

    private struct Column {
        var name: String
        var canonical: String?
    }

    init(input: ByteSource, file: String, headers: HeaderSynonyms) {
        self.file = file
        self.headers = headers
        var first = input.takePrefix()
        if first.starts(with: TextDecoding.bom) { first.removeFirst(3) }
        var startLine = 1
        var delimiter: UInt8?
        if let (sep, skip) = Self.excelSepLine(first) {
            delimiter = sep
            first.removeFirst(skip)
            startLine = 2
        }
        // Report lines above the header (a title, an export date): start at the header.
        if let found = HeaderLine.find(first, headers: headers) {
            first.removeFirst(found.offset)
            startLine += found.linesAbove
            delimiter = delimiter ?? found.delimiter
        }
        let chosen = delimiter ?? Self.sniffDelimiter(first)
        encoding.observe(first)
        tokenizer = CSVTokenizer(delimiter: chosen, initial: first, startLine: startLine) { () throws(LeadsmithError) -> [UInt8] in
            try input.next()
        }
    }

    /// The delimiter of the first non-blank line: the most frequent of `,` `;` tab `|` outside quotes
    /// (ties in that order; `,` when there is none).
    static func sniffDelimiter(_ bytes: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var seenContent = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { inQuotes.toggle(); seenContent = true; continue }
            if inQuotes { continue }
            if b == 0x0A || b == 0x0D {
                if seenContent { break }
                continue
            }
            if b != 0x20 { seenContent = true }
            if let i = candidates.firstIndex(of: b) { counts[i] += 1 }
        }
        var best = 0
        for i in 1..<candidates.count where counts[i] > counts[best] { best = i }
        return candidates[best]
    }

    /// An Excel `sep=X` hint line: the delimiter and the bytes to skip (the line and its break).
    static func excelSepLine(_ bytes: [UInt8]) -> (UInt8, Int)? {
        let sep = Array("sep=".utf8)
        guard bytes.count >= 5, bytes.prefix(4).map({ $0 | 0x20 }) == sep else { return nil }
        let d = bytes[4]
        guard d != 0x0A, d != 0x0D else { return nil }
        var i = 5
        while i < bytes.count, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
        guard i - 5 <= 2 else { return nil }
        if i < bytes.count, bytes[i] == 0x0D { i += 1 }
        if i < bytes.count, bytes[i] == 0x0A { i += 1 }
        return (d, i)
    }

    mutating func next() throws(LeadsmithError) -> IntakeItem? {
        if !headerRead {
            headerRead = true
            guard let header = try tokenizer.next() else { return nil }
            columns = (0..<header.count).map { i in
                let name = encoding.decode(header.field(i)).text.trimmingCharacters(in: .whitespacesAndNewlines)
                let shown = name.isEmpty ? "_col\(i + 1)" : name
                return Column(name: shown, canonical: name.isEmpty ? nil : headers.canonical(name))
            }
            tokenizer.expectedFields = columns.count
        }
        guard let row = try tokenizer.next() else { return nil }
        recordNumber += 1
        return .record(makeRecord(row))
    }

    private mutating func makeRecord(_ row: CSVRow) -> RawRecord {
        // Truncated: the input ended inside a quote, or ended without a line break before all columns were read.
        let truncated = row.openQuote || (!row.terminated && row.count < columns.count)
        let partialIndex: Int? = truncated && (row.openQuote || !(row.quoted.last ?? false)) ? row.count - 1 : nil
        var record = RawRecord(source: .newsletter, file: file, record: recordNumber, line: row.line)
        record.truncated = truncated
        record.consent = true
        var warned = false
        record.fields.reserveCapacity(min(columns.count, 24))
        for i in 0..<row.count {
            let (text, warning) = encoding.decode(row.field(i))
            if warning { warned = true }
            let column = i < columns.count ? columns[i] : Column(name: "_col\(i + 1)", canonical: nil)
            if i == partialIndex {
                if !text.isEmpty { record.partialField = (column.name, text) }
                continue
            }
            if text.isEmpty { continue }
            switch column.canonical {
            case "source_id"?:
                if record.sourceID == nil, !text.trimmingASCIIWhitespace().isEmpty {
                    record.sourceID = text.trimmingASCIIWhitespace()
                } else {
                    record.extra.append((column.name, text))
                }
            case "consent"?:
                // A newsletter sign-up is an opt-in (the truth's rule): the column is kept, not applied.
                record.extra.append((column.name, text))
            case let canonical?:
                if let existing = record.fields[canonical], !existing.trimmingASCIIWhitespace().isEmpty {
                    record.extra.append((column.name, text))
                } else {
                    record.fields[canonical] = text
                }
            case nil:
                record.extra.append((column.name, text))
            }
        }
        if let address = record.fields["address"], let country = AddressParts.lastPart(address) {
            record.fields[HeaderSynonyms.addressCountry] = country
        }
        if let date = record.fields["signup_date"] {
            record.timestamp = Timestamps.iso(exportText: date)
        }
        if warned {
            record.extra.append(("encoding_warning", "invalid UTF-8 replaced with U+FFFD"))
        }
        if row.recoveredQuote {
            record.extra.append(("parse_warning", "unbalanced quote closed at the end of its line"))
        }
        var raw = row.raw[...]
        while let last = raw.last, last == 0x0A || last == 0x0D { raw.removeLast() }
        record.raw = TextDecoding.capped(encoding.decode(raw).text)
        return record
    }
}

/// Splitting a Mailchimp-style address (`street  city  region  zip  country`, parts separated by
/// two or more spaces or line breaks).
enum AddressParts {
    /// The parts, trimmed; empty parts dropped.
    static func split(_ address: String) -> [String] {
        // Byte scan: a run of 2+ spaces (or NBSP), a tab or a line break separates parts.
        let u = Array(address.utf8)
        var parts: [String] = []
        var start = 0
        var i = 0
        func push(_ a: Int, _ b: Int) {
            var a = a, b = b
            while a < b, u[a] == 0x20 { a += 1 }
            while b > a, u[b - 1] == 0x20 { b -= 1 }
            if b > a { parts.append(String(decoding: u[a..<b], as: UTF8.self)) }
        }
        while i < u.count {
            let c = u[i]
            if c == 0x0A || c == 0x0D || c == 0x09 {
                push(start, i)
                i += 1
                start = i
                continue
            }
            let isNBSP = c == 0xC2 && i + 1 < u.count && u[i + 1] == 0xA0
            if c == 0x20 || isNBSP {
                var j = i
                var n = 0
                while j < u.count {
                    if u[j] == 0x20 { j += 1; n += 1; continue }
                    if u[j] == 0xC2, j + 1 < u.count, u[j + 1] == 0xA0 { j += 2; n += 1; continue }
                    break
                }
                if n >= 2 {
                    push(start, i)
                    start = j
                }
                i = j
                continue
            }
            i += 1
        }
        push(start, u.count)
        return parts
    }

    /// The last part when the address has several parts (its country), else `nil`.
    static func lastPart(_ address: String) -> String? {
        let parts = split(address)
        return parts.count >= 2 ? parts.last : nil
    }
}
