/// The header row of a CSV export that starts with report lines (a title, an export date, a blank
/// line) instead of its header: found by its column names, as ``HeaderSynonyms`` knows them.
///
/// The first line stays the header whenever it names at least one known column (every export that
/// starts with its header, even with unknown extra columns). Only when it names none does a later
/// line among the first ``maxLeadingLines`` that names at least ``minKnownColumns`` known columns
/// become the header; the lines above it are not records (record numbers start after the header,
/// physical line numbers still count them).
enum HeaderLine {
    /// How many lines may stand above the header.
    static let maxLeadingLines = 10
    /// Known column names a later line needs to count as the header.
    static let minKnownColumns = 2

    /// Where the header starts.
    struct Found: Equatable {
        /// Byte offset of the header line in the bytes searched.
        var offset: Int
        /// Physical lines above it.
        var linesAbove: Int
        /// The delimiter under which the header names the most known columns.
        var delimiter: UInt8
    }

    static let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]

    /// The header below leading report lines, or `nil` when the first line is the header (or no
    /// line in reach looks like one).
    static func find(_ bytes: [UInt8], headers: HeaderSynonyms) -> Found? {
        var start = 0
        var index = 0
        while start < bytes.count, index <= maxLeadingLines {
            // A physical line ends at LF, CR or CRLF; a line the prefix cuts off is not judged.
            guard let brk = bytes[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
            let line = bytes[start..<brk]
            var next = brk + 1
            if bytes[brk] == 0x0D {
                if next < bytes.count, bytes[next] == 0x0A { next += 1 } else if next == bytes.count { return nil }
            }
            let isBlank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if !isBlank {
                let (known, delimiter) = knownColumns(line, headers: headers)
                if index == 0 {
                    if known >= 1 { return nil }
                } else if known >= minKnownColumns {
                    return Found(offset: start, linesAbove: index, delimiter: delimiter)
                }
            }
            start = next
            index += 1
        }
        return nil
    }

    /// The most distinct known columns `line` names under one delimiter, and that delimiter.
    static func knownColumns(_ line: ArraySlice<UInt8>, headers: HeaderSynonyms) -> (Int, UInt8) {
        var best = (0, delimiters[0])
        for d in delimiters where line.contains(d) || d == delimiters[0] {
            var names = Set<String>()
            for field in split(line, on: d) {
                if let c = headers.canonical(field) { names.insert(c) }
            }
            if names.count > best.0 { best = (names.count, d) }
        }
        return best
    }

    /// Fields of one line split on `d` outside quotes, unquoted and trimmed.
    static func split(_ line: ArraySlice<UInt8>, on d: UInt8) -> [String] {
        var fields: [String] = []
        var current: [UInt8] = []
        var inQuotes = false
        for b in line {
            if b == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if b == d, !inQuotes {
                fields.append(String(decoding: current, as: UTF8.self).trimmingASCIIWhitespace())
                current.removeAll(keepingCapacity: true)
                continue
            }
            current.append(b)
        }
        fields.append(String(decoding: current, as: UTF8.self).trimmingASCIIWhitespace())
        return fields.filter { !$0.isEmpty }
    }
}
