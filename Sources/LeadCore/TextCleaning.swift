import Foundation

/// Scalar-level text helpers shared by the e-mail, name, title and company-name cleaners.
///
/// Everything here works on Unicode scalars in one pass (no regexes), because it runs for every
/// field of every lead.
enum TextCleaning {
    /// Zero-width and invisible format characters that users paste by accident
    /// (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, directional marks).
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200B...0x200F, 0x2060...0x2064, 0xFEFF, 0x00AD, 0x202A...0x202E, 0x2066...0x2069, 0x180E:
            return true
        default:
            return false
        }
    }

    /// Whitespace, including NBSP, narrow NBSP, ideographic space and the other Unicode spaces.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Emoji, pictographs, dingbats and other symbols that carry no meaning in a name or title.
    ///
    /// Removes general categories So (other symbol), Sk (modifier symbol, e.g. skin tones), Sm (math
    /// symbols such as `|`) except `+` (kept for "C++"), Co (private use), emoji variation selectors,
    /// the keycap mark and emoji tag characters. Letters, digits, punctuation (`&`, `-`, `'`, `.`,
    /// `(`, `)`, `@`) and currency signs are kept.
    static func isDecorativeSymbol(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            // ASCII math and modifier symbols; "+" is kept.
            switch s {
            case "<", "=", ">", "|", "~", "^", "`": return true
            default: return false
            }
        }
        switch s.value {
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0x20E3, 0xE0020...0xE007F, 0x200D:
            return true
        case 0x2B: // "+"
            return false
        default:
            break
        }
        switch s.properties.generalCategory {
        case .otherSymbol, .modifierSymbol, .mathSymbol, .privateUse:
            return true
        default:
            return s.value >= 0x1F000 && s.properties.isEmojiPresentation
        }
    }

    /// NFC, invisible characters and decorative symbols removed, whitespace collapsed to single
    /// spaces and trimmed. Returns `nil` when nothing but whitespace is left.
    static func cleanedText(_ raw: String) -> String? {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for s in nfc(raw).unicodeScalars {
            if isInvisible(s) { continue }
            if isSpace(s) {
                pendingSpace = !out.isEmpty
                continue
            }
            if isDecorativeSymbol(s) {
                // "Sales|EMEA" keeps the words apart.
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(s)
        }
        return out.isEmpty ? nil : String(out)
    }

    /// The NFC form. Foundation's normalisation is slow on Linux, so it only runs when the text has a
    /// combining mark (text without one is already composed in practice).
    static func nfc(_ raw: String) -> String {
        if raw.utf8.allSatisfy({ $0 < 0x80 }) { return raw }
        let hasMark = raw.unicodeScalars.contains { $0.value >= 0x300 && isCombiningMark($0) }
        return hasMark ? raw.precomposedStringWithCanonicalMapping : raw
    }

    static func isCombiningMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Invisible characters removed, leading and trailing whitespace (incl. NBSP) trimmed.
    static func trimmed(_ raw: String) -> String {
        if let f = raw.utf8.first, let l = raw.utf8.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80,
           raw.utf8.allSatisfy({ $0 < 0x80 }) {
            return raw // ASCII with no edge whitespace: nothing to remove
        }
        let scalars = raw.unicodeScalars
        let hasInvisible = scalars.contains(where: isInvisible)
        var view = String.UnicodeScalarView()
        if hasInvisible {
            view.append(contentsOf: scalars.lazy.filter { !isInvisible($0) })
        }
        let source = hasInvisible ? view : scalars
        guard let first = source.firstIndex(where: { !isSpace($0) }),
              let last = source.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(source[first...last])
    }

    /// Letters whose base letter is not reachable by canonical decomposition.
    private static func foldSpecial(_ s: Unicode.Scalar) -> String? {
        switch s {
        case "ß", "ẞ": return "ss"
        case "ł", "Ł": return "l"
        case "ø", "Ø": return "o"
        case "æ", "Æ": return "ae"
        case "œ", "Œ": return "oe"
        case "đ", "Đ", "ð", "Ð": return "d"
        case "þ", "Þ": return "th"
        case "ı": return "i"
        case "’", "‘", "ʼ", "`", "´": return "'"
        default: return nil
        }
    }

    /// Folded forms of the precomposed letters of the Latin, Greek and Cyrillic blocks, computed once
    /// with Foundation's canonical decomposition (marks dropped, lower-cased, special letters mapped).
    private static let foldTable: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        let ranges: [ClosedRange<UInt32>] = [0x00C0...0x024F, 0x0370...0x052F, 0x1E00...0x1FFF]
        for range in ranges {
            for v in range {
                guard let scalar = Unicode.Scalar(v), scalar.properties.isAlphabetic else { continue }
                var out = String.UnicodeScalarView()
                for d in String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars {
                    if d.properties.generalCategory == .nonspacingMark { continue }
                    if let special = foldSpecial(d) {
                        out.append(contentsOf: special.unicodeScalars)
                    } else {
                        out.append(contentsOf: d.properties.lowercaseMapping.unicodeScalars)
                    }
                }
                table[v] = String(out)
            }
        }
        return table
    }()

    /// Lower-cased, diacritics removed (`Geschäftsführerin` → `geschaftsfuhrerin`, `Łukasz` → `lukasz`,
    /// `Straße` → `strasse`), for matching against rule phrases.
    static func fold(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        appendFolded(raw, to: &out)
        return String(out)
    }

    private static func appendFolded(_ raw: String, to out: inout String.UnicodeScalarView) {
        for s in raw.unicodeScalars {
            if s.value < 0x80 {
                if s.value >= 0x41 && s.value <= 0x5A {
                    out.append(Unicode.Scalar(UInt8(s.value + 32)))
                } else {
                    out.append(s)
                }
                continue
            }
            if let folded = foldTable[s.value] {
                out.append(contentsOf: folded.unicodeScalars)
                continue
            }
            if let special = foldSpecial(s) {
                out.append(contentsOf: special.unicodeScalars)
                continue
            }
            // Combining marks of decomposed input ("e\u{301}") are dropped like precomposed accents.
            if s.properties.generalCategory == .nonspacingMark { continue }
            out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
        }
    }

    /// Folded word tokens: runs of letters and digits; everything else separates tokens.
    ///
    /// `"Co-Founder & CEO | EMEA"` → `["co", "founder", "ceo", "emea"]`; `"Directeur d'école"` →
    /// `["directeur", "d", "ecole"]`.
    static func tokens(_ raw: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        func flush() {
            if !current.isEmpty {
                result.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        for s in raw.unicodeScalars {
            let v = s.value
            if v < 0x80 {
                if v >= 0x61 && v <= 0x7A || v >= 0x30 && v <= 0x39 {
                    current.append(UInt8(v))
                } else if v >= 0x41 && v <= 0x5A {
                    current.append(UInt8(v + 32))
                } else {
                    flush()
                }
                continue
            }
            if let folded = foldTable[v] {
                // Folded letters are letters; "ß" → "ss", "æ" → "ae".
                current.append(contentsOf: folded.utf8)
                continue
            }
            if s.properties.generalCategory == .nonspacingMark { continue }
            if let special = foldSpecial(s) {
                if special == "'" { flush() } else { current.append(contentsOf: special.utf8) }
                continue
            }
            if isWordScalar(s) {
                current.append(contentsOf: s.properties.lowercaseMapping.utf8)
            } else {
                flush()
            }
        }
        flush()
        return result
    }

    /// A letter or a digit.
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            return (s.value >= 0x30 && s.value <= 0x39) || (s.value >= 0x61 && s.value <= 0x7A) || (s.value >= 0x41 && s.value <= 0x5A)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    /// Whether the text has at least one letter.
    static func hasLetter(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isAlphabetic)
    }

    /// `properties.isAlphabetic`, answered without the property look-up for ASCII (`A-Z`, `a-z`).
    @inline(__always)
    static func isAlphabetic(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A }
        return s.properties.isAlphabetic
    }
}
