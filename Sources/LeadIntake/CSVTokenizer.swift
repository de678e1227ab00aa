import LeadCore

/// One CSV record as bytes, before decoding.
struct CSVRow {
    /// All field bytes, concatenated (quotes removed, `""` collapsed).
    var data: [UInt8] = []
    /// End offset in `data` of each field.
    var ends: [Int] = []
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

    /// The number of fields.
    var count: Int { ends.count }

    /// The bytes of field `i`.
    func field(_ i: Int) -> ArraySlice<UInt8> {
        data[(i == 0 ? 0 : ends[i - 1])..<ends[i]]
    }

    mutating func endField(quoted q: Bool) {
        ends.append(data.count)
        quoted.append(q)
    }
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
    private static let space: UInt8 = 0x20

    let delimiter: UInt8
    /// The header's field count, once known (enables unbalanced-quote recovery).
    var expectedFields: Int?
    private var buf: [UInt8]
    private var idx: Int
    private var eof = false
    /// Current physical line (1-based).
    private(set) var line: Int
    private let pull: () throws(LeadsmithError) -> [UInt8]
    /// Raw bytes of the open quoted field (reused between fields to avoid an allocation per field).
    private var quoteRaw: [UInt8] = []

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

    /// Makes `buf[idx]` available; `false` at the end of input.
    private mutating func fill() throws(LeadsmithError) -> Bool {
        if idx < buf.count { return true }
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
            if row.count == 1, !row.quoted[0], !row.openQuote,
               row.data.allSatisfy({ $0 == Self.space || $0 == 0x09 }) {
                continue
            }
            return row
        }
        return nil
    }

    private mutating func readRow() throws(LeadsmithError) -> CSVRow? {
        var row = CSVRow()
        row.line = line
        row.data.reserveCapacity(512)
        row.raw.reserveCapacity(512)
        var fieldStart = 0      // offset in row.data where the current field starts
        var quoted = false
        var inQuotes = false
        var any = false
        var rawFrom = idx       // raw bytes of this record not yet copied start here in buf
        // State of the open quoted field, for recovery (its raw bytes are in `quoteRaw`).
        var quoteLine = 0
        var quoteRawStart = 0
        var nextCheck = Self.recoveryCheckBytes

        func flushRaw(_ row: inout CSVRow, _ buf: [UInt8], _ from: Int, _ to: Int) {
            let room = CSVTokenizer.rawCap - row.raw.count
            if room > 0, to > from { row.raw.append(contentsOf: buf[from..<min(to, from + room)]) }
        }

        while true {
            if idx >= buf.count {
                flushRaw(&row, buf, rawFrom, buf.count)
                guard try fill() else { break }
                rawFrom = 0
            }
            any = true
            if inQuotes {
                // Copy a run up to the next quote or line break at once.
                let first = buf[idx]
                if first != Self.quote && first != Self.lf && first != Self.cr {
                    var j = idx + 1
                    while j < buf.count {
                        let c = buf[j]
                        if c == Self.quote || c == Self.lf || c == Self.cr { break }
                        j += 1
                    }
                    row.data.append(contentsOf: buf[idx..<j])
                    quoteRaw.append(contentsOf: buf[idx..<j])
                    idx = j
                    if quoteRaw.count >= nextCheck {
                        nextCheck += Self.recoveryCheckBytes
                        flushRaw(&row, buf, rawFrom, idx)
                        rawFrom = idx
                        if try recover(quoteLine: quoteLine, quoteRawStart: quoteRawStart, fieldStart: fieldStart, row: &row) {
                            return row
                        }
                    }
                    continue
                }
                let b = buf[idx]
                idx += 1
                quoteRaw.append(b)
                if b == Self.quote {
                    if idx >= buf.count {
                        flushRaw(&row, buf, rawFrom, buf.count)
                        rawFrom = 0
                        if try fill() { rawFrom = 0 }
                    }
                    if idx < buf.count, buf[idx] == Self.quote {
                        idx += 1
                        quoteRaw.append(b)
                        row.data.append(b)
                    } else {
                        inQuotes = false
                    }
                    continue
                }
                if b == Self.lf {
                    line += 1
                } else if b == Self.cr {
                    if idx >= buf.count {
                        flushRaw(&row, buf, rawFrom, buf.count)
                        rawFrom = 0
                        _ = try fill()
                    }
                    if !(idx < buf.count && buf[idx] == Self.lf) { line += 1 }
                }
                row.data.append(b)
                if quoteRaw.count >= nextCheck {
                    nextCheck += Self.recoveryCheckBytes
                    flushRaw(&row, buf, rawFrom, idx)
                    rawFrom = idx
                    if try recover(quoteLine: quoteLine, quoteRawStart: quoteRawStart, fieldStart: fieldStart, row: &row) {
                        return row
                    }
                }
                continue
            }
            // Unquoted: scan a run of ordinary bytes at once.
            let b = buf[idx]
            if b != delimiter && b != Self.lf && b != Self.cr && b != Self.quote {
                var j = idx + 1
                while j < buf.count {
                    let c = buf[j]
                    if c == delimiter || c == Self.lf || c == Self.cr || c == Self.quote { break }
                    j += 1
                }
                row.data.append(contentsOf: buf[idx..<j])
                idx = j
                continue
            }
            idx += 1
            switch b {
            case delimiter:
                row.endField(quoted: quoted)
                fieldStart = row.data.count
                quoted = false
            case Self.lf, Self.cr:
                if b == Self.cr {
                    if idx >= buf.count {
                        flushRaw(&row, buf, rawFrom, buf.count)
                        rawFrom = 0
                        _ = try fill()
                    }
                    if idx < buf.count, buf[idx] == Self.lf { idx += 1 }
                }
                line += 1
                flushRaw(&row, buf, rawFrom, idx)
                row.endField(quoted: quoted)
                row.terminated = true
                return row
            default: // quote
                if !quoted && row.data[fieldStart...].allSatisfy({ $0 == Self.space }) {
                    inQuotes = true
                    quoted = true
                    row.data.removeSubrange(fieldStart...)
                    quoteRaw.removeAll(keepingCapacity: true)
                    quoteLine = line
                    flushRaw(&row, buf, rawFrom, idx)
                    rawFrom = idx
                    quoteRawStart = row.raw.count
                } else {
                    row.data.append(b)
                }
            }
        }
        guard any else { return nil }
        if inQuotes {
            if try recover(quoteLine: quoteLine, quoteRawStart: quoteRawStart, fieldStart: fieldStart, row: &row) {
                return row
            }
            row.openQuote = true
        }
        row.endField(quoted: quoted)
        return row
    }

    /// Closes a stray quote at its first line break when what follows parses as full-width records.
    /// On success `row` is complete (its last field is the text from the quote to the line break) and
    /// the rest is put back in front of the input.
    private mutating func recover(quoteLine: Int, quoteRawStart: Int, fieldStart: Int, row: inout CSVRow) throws(LeadsmithError) -> Bool {
        guard let expected = expectedFields, expected > 1 else { return false }
        guard let brk = quoteRaw.firstIndex(where: { $0 == Self.lf || $0 == Self.cr }) else { return false }
        var restStart = brk + 1
        if quoteRaw[brk] == Self.cr, restStart < quoteRaw.count, quoteRaw[restStart] == Self.lf { restStart += 1 }
        let rest = Array(quoteRaw[restStart...])
        var probe = CSVTokenizer(delimiter: delimiter, bytes: rest)
        guard let first = try probe.next(), !first.openQuote, first.count == expected else { return false }
        row.data.removeSubrange(fieldStart...)
        row.data.append(Self.quote)
        row.data.append(contentsOf: quoteRaw[..<brk])
        row.endField(quoted: false)
        row.terminated = true
        row.recoveredQuote = true
        if row.raw.count > quoteRawStart + brk { row.raw.removeSubrange((quoteRawStart + brk)...) }
        line = quoteLine + 1
        buf = rest + buf[idx...]
        idx = 0
        return true
    }
}
