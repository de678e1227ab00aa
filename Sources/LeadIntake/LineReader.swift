import LeadCore

/// Splits a chunked byte stream into physical lines (LF, CRLF or a lone CR; the break is not included).
///
/// Memory holds one chunk plus the current line; a line longer than ``maxLineBytes`` is cut there
/// (the rest of it is skipped, not kept) and reported as ``overlong``.
struct LineReader {
    /// The longest line kept whole by default (8 MB); no real submission or conversation comes close.
    static let defaultMaxLineBytes = 8 << 20
    /// The longest line kept whole.
    let maxLineBytes: Int
    /// `true` when the last line returned was longer than ``maxLineBytes`` and was cut.
    private(set) var overlong = false
    private let pull: () throws(LeadsmithError) -> [UInt8]
    private var buf: [UInt8]
    private var idx = 0
    private var eof = false
    /// The last line ended with a CR at the end of a chunk: an LF at the start of the next one belongs to it.
    private var crAtChunkEnd = false
    /// The physical line number of the last line returned.
    private(set) var lineNumber = 0

    init(initial: [UInt8], maxLineBytes: Int = LineReader.defaultMaxLineBytes, pull: @escaping () throws(LeadsmithError) -> [UInt8]) {
        self.maxLineBytes = maxLineBytes
        self.buf = initial
        self.pull = pull
    }

    /// The next line's bytes, or `nil` at the end of input. A final line without a break is a line;
    /// a final break does not start another line.
    mutating func next() throws(LeadsmithError) -> [UInt8]? {
        var line: [UInt8] = []
        var any = false
        overlong = false
        while true {
            if idx >= buf.count {
                if eof { break }
                buf = try pull()
                idx = 0
                if buf.isEmpty {
                    eof = true
                    break
                }
            }
            if crAtChunkEnd {
                crAtChunkEnd = false
                if buf[idx] == 0x0A {
                    idx += 1
                    continue
                }
            }
            if let brk = buf[idx...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                if !overlong {
                    let take = min(brk - idx, maxLineBytes - line.count)
                    line.append(contentsOf: buf[idx..<idx + take])
                    if take < brk - idx { overlong = true }
                }
                idx = brk + 1
                if buf[brk] == 0x0D {
                    if idx < buf.count {
                        if buf[idx] == 0x0A { idx += 1 }
                    } else {
                        crAtChunkEnd = true
                    }
                }
                lineNumber += 1
                return line
            }
            any = true
            if !overlong {
                let room = maxLineBytes - line.count
                if buf.count - idx > room {
                    line.append(contentsOf: buf[idx..<idx + room])
                    overlong = true
                } else {
                    line.append(contentsOf: buf[idx...])
                }
            }
            idx = buf.count
        }
        guard any, !line.isEmpty else { return nil }
        lineNumber += 1
        return line
    }
}
