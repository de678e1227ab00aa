import Foundation

/// Folding of free text for cue matching: lower case, diacritics removed, typographic variants unified.
///
/// Cue lists in `rules/bant/` are folded the same way, so "Décision", "decision" and "DÉCISION" match one cue,
/// and "zł" matches "zl". Folding never changes digits.
enum TextFold {
    /// Removes light HTML (`<p>`, `<br>` …) and decodes the common entities, keeping the text readable.
    static func stripHTML(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else { return s }
        var out = String.UnicodeScalarView()
        var inTag = false
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if inTag {
                if c == ">" { inTag = false; out.append(" ") }
                i += 1
                continue
            }
            if c == "<", i + 1 < scalars.count, scalars[i + 1] == "/" || scalars[i + 1] == "!" || scalars[i + 1].properties.isAlphabetic {
                inTag = true
                i += 1
                continue
            }
            if c == "&", let (decoded, length) = entity(scalars, at: i) {
                out.append(decoded)
                i += length
                continue
            }
            out.append(c)
            i += 1
        }
        return String(out)
    }

    private static let namedEntities: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "euro": "€",
        "pound": "£", "dollar": "$", "ndash": "–", "mdash": "—", "rsquo": "’", "lsquo": "‘",
    ]

    /// Decodes `&name;`, `&#NN;` or `&#xHH;` at `i`: the scalar and the entity's length.
    private static func entity(_ s: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        var name = ""
        while j < s.count, j - i <= 10, s[j] != ";" {
            name.unicodeScalars.append(s[j])
            j += 1
        }
        guard j < s.count, s[j] == ";", !name.isEmpty else { return nil }
        let length = j - i + 1
        if name.hasPrefix("#") {
            let body = name.dropFirst()
            let value: UInt32? = body.hasPrefix("x") || body.hasPrefix("X")
                ? UInt32(body.dropFirst(), radix: 16) : UInt32(body)
            guard let v = value, let scalar = Unicode.Scalar(v) else { return nil }
            return (scalar, length)
        }
        guard let scalar = namedEntities[name.lowercased()] else { return nil }
        return (scalar, length)
    }

    /// Lower-cased, diacritic-free text; apostrophes, dashes and spaces unified.
    static func fold(_ s: String) -> String {
        var isASCII = true
        for u in s.utf8 where u >= 0x80 { isASCII = false; break }
        if isASCII {
            // written straight into the new string's storage: no intermediate byte array
            return String(unsafeUninitializedCapacity: s.utf8.count) { buffer in
                var n = 0
                for u in s.utf8 {
                    buffer[n] = u >= 0x41 && u <= 0x5A ? u + 0x20 : u
                    n += 1
                }
                return n
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        @inline(__always) func put(_ c: Unicode.Scalar) { UTF8.encode(c) { out.append($0) } }
        for c in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            let v = c.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? UInt8(v + 0x20) : UInt8(v))
                continue
            }
            if (0x0300...0x036F).contains(v) { continue }   // combining marks
            switch v {
            case 0x2018, 0x2019, 0x201B, 0x02BC, 0x00B4, 0x2032: out.append(UInt8(ascii: "'"))
            case 0x201C, 0x201D, 0x201E, 0x00AB, 0x00BB: out.append(UInt8(ascii: "\""))
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: out.append(UInt8(ascii: "-"))
            case 0x00A0, 0x2007, 0x2009, 0x200A, 0x202F, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006: out.append(UInt8(ascii: " "))
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: continue
            case 0x0141, 0x0142: out.append(UInt8(ascii: "l"))     // Ł ł
            case 0x00DF, 0x1E9E: out.append(contentsOf: [UInt8(ascii: "s"), UInt8(ascii: "s")])   // ß
            case 0x00D8, 0x00F8: out.append(UInt8(ascii: "o"))
            case 0x00C6, 0x00E6: out.append(contentsOf: [UInt8(ascii: "a"), UInt8(ascii: "e")])
            case 0x0152, 0x0153: out.append(contentsOf: [UInt8(ascii: "o"), UInt8(ascii: "e")])
            case 0x0110, 0x0111: out.append(UInt8(ascii: "d"))
            case 0x0131: out.append(UInt8(ascii: "i"))
            default:
                if c.properties.changesWhenLowercased {
                    for l in c.properties.lowercaseMapping.unicodeScalars { put(l) }
                } else {
                    put(c)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A string from a run of scalars, without per-scalar string appends.
    /// The UTF-8 goes straight into the new string's storage (at most 4 bytes a scalar), so a short word
    /// costs no allocation at all.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var n = 0
            for c in scalars {
                if c.value < 0x80 {
                    buffer[n] = UInt8(c.value)
                    n += 1
                } else {
                    UTF8.encode(c) { buffer[n] = $0; n += 1 }
                }
            }
            return n
        }
    }

    /// `text` with whitespace-separated chunks that are e-mail addresses or URLs removed
    /// (their digits are not amounts or team sizes).
    static func removeAddresses(_ s: String) -> String {
        var candidate = false
        var previous: UInt8 = 0
        for b in s.utf8 {
            // "@", "://" or "www."
            if b == UInt8(ascii: "@") || (b == UInt8(ascii: "/") && previous == UInt8(ascii: ":"))
                || (b == UInt8(ascii: ".") && previous == UInt8(ascii: "w")) {
                candidate = true
                break
            }
            previous = b
        }
        guard candidate else { return s }
        func isAddress(_ chunk: Substring) -> Bool {
            let b = chunk.utf8
            if b.contains(UInt8(ascii: "@")) { return true }
            if b.starts(with: "www.".utf8) { return true }
            guard b.contains(UInt8(ascii: "/")) else { return false }
            return chunk.range(of: "://") != nil
        }
        let chunks = s.split(separator: " ", omittingEmptySubsequences: false)
        guard chunks.contains(where: isAddress) else { return s }
        return chunks.filter { !isAddress($0) }.joined(separator: " ")
    }
}
