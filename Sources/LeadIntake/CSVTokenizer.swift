import LeadCore

/// One CSV record as bytes, before decoding.
struct CSVRow {
    /// Field bytes (quotes removed, `""` collapsed).
    var fields: [[UInt8]] = []
    /// Whether each field was quoted.
    var quoted: [Bool] = []
    /// 1-based physical line where the record starts.
    var line = 0
    /// The record ended with a line break (not at the end of input).
    var terminated = false
    /// The input ended inside a quoted field.
    var openQuote = false
    /// An unbalanced quote was closed at the end of its line to save the records after it.
    var recoveredQuote = false
    /// The raw bytes of the record (capped at ``CSVTokenizer/rawCap``).
    var raw: [UInt8] = []
}

/// A streaming RFC 4180 tokenizer over chunks of bytes.
///
/// Lenient where real exports are sloppy: `"` inside an unquoted field is literal; text after a
/// closing quote is appended; spaces before an opening quote are dropped; line breaks are LF, CRLF
/// or a lone CR (and are kept verbatim inside quoted fields). A quote left open at the end of the
/// input makes the last record `openQuote` — unless the text after the quote's first line break
/// parses as complete records of the header's width, in which case the quote was a stray one: the
/// field ends at that line break and reading goes on from the next line (`recoveredQuote`).
/// The check also runs each time an open quoted field grows by ``recoveryCheckBytes``, so a stray
/// quote in a big file cannot swallow the rest of the file into memory.
struct CSVTokenizer {
    static let rawCap = 4096
    static let recoveryCheckBytes = 1 << 20

    private static let quote = UInt8(ascii: "\"")
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    let delimiter: UInt8
    /// The header's field count, once known (enables unbalanced-quote recovery).
    var expectedFields: Int?
    private var buf: [UInt8]
    private var idx: Int
    private var eof = false
    /// Current physical line (1-based).
    private(set) var line: Int
    private let pull: () throws(LeadsmithError) -> [UInt8]

    /// A tokenizer that starts with `initial` (already read) and pulls further chunks from `pull`
    /// (an empty chunk means end of input).
    init(delimiter: UInt8, initial: [UInt8], startLine: Int = 1, pull: @escaping () throws(LeadsmithError) -> [UInt8]) {
        self.delimiter = delimiter
        self.buf = initial
        self.idx = 0
        self.line = startLine
        self.pull = pull
    }

    /// A tokenizer over bytes in memory.
    init(delimiter: UInt8, bytes: [UInt8]) {
        self.init(delimiter: delimiter, initial: bytes, pull: { () throws(LeadsmithError) -> [UInt8] in [] })
    }

    private mutating func byte() throws(LeadsmithError) -> UInt8? {
        if idx < buf.count {
            idx += 1
            return buf[idx - 1]
        }
        guard try refill() else { return nil }
        idx = 1
        return buf[0]
    }

    private mutating func peek() throws(LeadsmithError) -> UInt8? {
        if idx < buf.count { return buf[idx] }
        guard try refill() else { return nil }
        return buf[0]
    }

    private mutating func refill() throws(LeadsmithError) -> Bool {
        if eof { return false }
        let chunk = try pull()
        if chunk.isEmpty {
            eof = true
            buf = []
            idx = 0
            return false
        }
        buf = chunk
        idx = 0
        return true
    }

    /// The next record that is not a blank line, or `nil` at the end of input.
    mutating func next() throws(LeadsmithError) -> CSVRow? {
        while let row = try readRow() {
            if row.fields.count == 1, !row.quoted[0], row.fields[0].allSatisfy({ $0 == 0x20 || $0 == 0x09 }), !row.openQuote {
                continue
            }
            return row
        }
        return nil
    }

    private mutating func readRow() throws(LeadsmithError) -> CSVRow? {
        var row = CSVRow()
        row.line = line
        var field: [UInt8] = []
        var quoted = false
        var inQuotes = false
        var any = false
        // State of the open quoted field, for recovery.
        var quoteRaw: [UInt8] = []
        var quoteLine = 0
        var quoteRawStart = 0
        var nextCheck = Self.recoveryCheckBytes

        func appendRaw(_ b: UInt8, _ row: inout CSVRow) {
            if row.raw.count < Self.rawCap { row.raw.append(b) }
        }

        while let b = try byte() {
            any = true
            appendRaw(b, &row)
            if inQuotes {
                if b == Self.quote {
                    if try peek() == Self.quote {
                        _ = try byte()
                        appendRaw(b, &row)
                        quoteRaw.append(b)
                        quoteRaw.append(b)
                        field.append(b)
                    } else {
                        inQuotes = false
                    }
                    continue
                }
                quoteRaw.append(b)
                if b == Self.lf {
                    line += 1
                } else if b == Self.cr, try peek() != Self.lf {
                    line += 1
                }
                field.append(b)
                if quoteRaw.count >= nextCheck {
                    nextCheck += Self.recoveryCheckBytes
                    if try recover(quoteRaw: quoteRaw, quoteLine: quoteLine, quoteRawStart: quoteRawStart, row: &row) {
                        return row
                    }
                }
                continue
            }
            switch b {
            case delimiter:
                row.fields.append(field)
                row.quoted.append(quoted)
                field = []
                quoted = false
            case Self.lf, Self.cr:
                if b == Self.cr, try peek() == Self.lf {
                    _ = try byte()
                    appendRaw(Self.lf, &row)
                }
                line += 1
                row.fields.append(field)
                row.quoted.append(quoted)
                row.terminated = true
                return row
            case Self.quote where !quoted && field.allSatisfy({ $0 == 0x20 }):
                inQuotes = true
                quoted = true
                field = []
                quoteRaw = []
                quoteLine = line
                quoteRawStart = row.raw.count
            default:
                field.append(b)
            }
        }
        guard any else { return nil }
        if inQuotes {
            if try recover(quoteRaw: quoteRaw, quoteLine: quoteLine, quoteRawStart: quoteRawStart, row: &row) {
                return row
            }
            row.openQuote = true
        }
        row.fields.append(field)
        row.quoted.append(quoted)
        return row
    }

    /// Closes a stray quote at its first line break when what follows parses as full-width records.
    /// On success `row` is complete (its last field is the text from the quote to the line break) and
    /// the rest is put back in front of the input.
    private mutating func recover(quoteRaw: [UInt8], quoteLine: Int, quoteRawStart: Int, row: inout CSVRow) throws(LeadsmithError) -> Bool {
        guard let expected = expectedFields, expected > 1 else { return false }
        guard let brk = quoteRaw.firstIndex(where: { $0 == Self.lf || $0 == Self.cr }) else { return false }
        var restStart = brk + 1
        if quoteRaw[brk] == Self.cr, restStart < quoteRaw.count, quoteRaw[restStart] == Self.lf { restStart += 1 }
        let rest = Array(quoteRaw[restStart...])
        var probe = CSVTokenizer(delimiter: delimiter, bytes: rest)
        guard let first = try probe.next(), !first.openQuote, first.fields.count == expected else { return false }
        var field: [UInt8] = [Self.quote]
        field.append(contentsOf: quoteRaw[..<brk])
        row.fields.append(field)
        row.quoted.append(false)
        row.terminated = true
        row.recoveredQuote = true
        if row.raw.count > quoteRawStart + brk { row.raw.removeSubrange((quoteRawStart + brk)...) }
        line = quoteLine + 1
        buf = rest + buf[idx...]
        idx = 0
        return true
    }
}
