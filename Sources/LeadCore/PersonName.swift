import Foundation

/// A person's name, cleaned and properly cased.
public struct PersonName: Sendable, Equatable {
    /// First (given) name.
    public var first: String?
    /// Last (family) name, particles included (`van der Meer`).
    public var last: String?
    /// `first last`, or whichever part exists.
    public var full: String?

    /// Creates a name.
    public init(first: String?, last: String?, full: String?) {
        self.first = first
        self.last = last
        self.full = full
    }
}

/// Cleans person names from lead records.
///
/// Each part is NFC-normalised, stripped of emoji and symbols, whitespace-collapsed and trimmed.
/// A part typed in ALL CAPS or all lower case is re-cased (`ÖZLEM` → `Özlem`, `o'brien` → `O'Brien`,
/// `MCCARTHY` → `McCarthy`, `van der meer` → `van der Meer`); a part with mixed case is kept as
/// typed (`IJzerman`, `McDonald`, `van Dijk`). Name particles (`van`, `de`, `der`, `von`, `'t`, `le`,
/// `da` …) are lower case unless they start the full name. Diacritics are kept.
/// A full name typed in the first-name field with an empty last-name field is split: first token =
/// first name, the rest = last name. A leading salutation (`Mr`, `Mevr.`, `Herr`, `Mme` …) is dropped.
public enum PersonNameCleaner {
    /// Particles of family names that stay lower case inside a name.
    static let particles: Set<String> = [
        "van", "von", "de", "der", "den", "des", "del", "della", "delle", "dello", "degli", "dei",
        "di", "da", "das", "do", "dos", "du", "la", "le", "les", "lo", "ter", "ten", "te", "het", "'t",
        "zu", "zum", "zur", "vom", "y", "e", "af", "av", "op", "in", "'s", "d'", "l'", "van't", "bin", "ibn", "al",
    ]

    /// Salutations dropped from the start of a name.
    static let salutations: Set<String> = [
        "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "herr", "frau", "dhr", "mevr", "mevrouw", "meneer",
        "mw", "mme", "mlle", "monsieur", "madame", "sra", "srta", "sig",
        "sigra", "signor", "signora", "pan", "pani", "dr", "drs", "prof", "ir", "mag", "dipl",
    ]

    /// Values that mean "no name".
    static let placeholders: Set<String> = [
        "n/a", "na", "n.a.", "-", "--", "none", "null", "nil", "unknown", "onbekend", "unbekannt", "inconnu",
        "x", "xx", "xxx", "?", ".", "test", "asdf", "nvt", "n.v.t.", "geen", "keine", "aucun",
    ]

    /// Cleans a name given as separate first/last fields and/or one full-name field.
    ///
    /// - Parameters:
    ///   - first: the first-name field (may hold the whole name).
    ///   - last: the last-name field.
    ///   - full: a single name field (e.g. a chat visitor's name), used when first and last are empty.
    /// - Returns: the cleaned parts; all `nil` when no name is given.
    public static func clean(first: String?, last: String?, full: String?) -> PersonName {
        var f = first.flatMap(words)
        var l = last.flatMap(words)
        if f == nil && l == nil, let whole = full {
            // "Smith, John" in a single name field.
            if let (lastPart, firstPart) = lastCommaFirst(whole) {
                f = words(firstPart)
                l = words(lastPart)
            } else {
                f = words(whole)
            }
        } else if l == nil, let firstText = first, let (lastPart, firstPart) = lastCommaFirst(firstText) {
            f = words(firstPart)
            l = words(lastPart)
        }
        // A full name typed in the first-name field.
        if var ff = f, l == nil, ff.count > 1 {
            let head = ff.removeFirst()
            f = [head]
            l = ff
        }
        let firstText = f.map { caseWords($0, startsName: true) }
        let lastText = l.map { caseWords($0, startsName: firstText == nil) }
        let fullText: String?
        switch (firstText, lastText) {
        case let (a?, b?): fullText = a + " " + b
        case let (a?, nil): fullText = a
        case let (nil, b?): fullText = b
        default: fullText = nil
        }
        return PersonName(first: firstText, last: lastText, full: fullText)
    }

    /// `"Smith, John"` → `("Smith", "John")`: one comma between two non-empty parts.
    static func lastCommaFirst(_ raw: String) -> (String, String)? {
        let parts = raw.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let a = parts[0].trimmingWhitespace(), b = parts[1].trimmingWhitespace()
        guard TextCleaning.hasLetter(a), TextCleaning.hasLetter(b) else { return nil }
        return (a, b)
    }

    /// The cleaned words of one field, `nil` when nothing name-like remains.
    ///
    /// Drops a field that holds an e-mail address, text after `|`, and parenthesised notes
    /// ("Jan (Sales)" → "Jan").
    static func words(_ raw: String) -> [String]? {
        if raw.contains(Character("@")) { return nil }
        var source = Substring(raw)
        if let bar = source.firstIndex(of: "|") { source = source[..<bar] }
        var stripped = ""
        if !source.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") }) {
            // No parenthesis byte, so no "(" or ")" Character: the walk below would copy every Character.
            stripped = String(source)
        } else {
            var depth = 0
            for ch in source {
                if ch == "(" { depth += 1; stripped.append(" "); continue }
                if ch == ")" { depth = max(0, depth - 1); stripped.append(" "); continue }
                if depth == 0 { stripped.append(ch) }
            }
        }
        guard var text = TextCleaning.cleanedText(stripped) else { return nil }
        text = text.replacingApostrophes()
        if placeholders.contains(text.lowercased()) { return nil }
        var ws = text.split(separator: " ").map(String.init)
        // Drop stray punctuation-only words (", " leftovers, lone dashes).
        ws = ws.filter { TextCleaning.hasLetter($0) }
        while ws.count > 1, let firstWord = ws.first,
              salutations.contains(firstWord.lowercased().trimmingDots()) {
            ws.removeFirst()
        }
        return ws.isEmpty ? nil : ws
    }

    /// Joins words with proper casing. When the words were typed in one case (all upper or all lower),
    /// every word is re-cased; mixed-case input is kept.
    static func caseWords(_ ws: [String], startsName: Bool) -> String {
        let joined = ws.joined(separator: " ")
        let hasUpper: Bool, hasLower: Bool
        if joined.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: the letters are `A-Z` (upper case) and `a-z` (lower case).
            hasUpper = joined.utf8.contains { $0 >= 0x41 && $0 <= 0x5A }
            hasLower = joined.utf8.contains { $0 >= 0x61 && $0 <= 0x7A }
        } else {
            let letters = joined.unicodeScalars.filter { $0.properties.isAlphabetic }
            hasUpper = letters.contains { $0.properties.isUppercase }
            hasLower = letters.contains { $0.properties.isLowercase }
        }
        guard !(hasUpper && hasLower) else { return joined }
        var out: [String] = []
        for (i, w) in ws.enumerated() {
            let lw = w.lowercased()
            if particles.contains(lw) && !(startsName && i == 0) && i < ws.count - 1 {
                out.append(lw)
            } else {
                out.append(properCase(lw))
            }
        }
        return out.joined(separator: " ")
    }

    /// Capitalises a lower-case word and each part after `-` or `'`; `mc` and Dutch `ij` prefixes.
    static func properCase(_ lower: String) -> String {
        if lower == "'t" || lower == "'s" { return lower }
        var result = ""
        var capitalizeNext = true
        var partStart = lower.startIndex
        var idx = lower.startIndex
        while idx < lower.endIndex {
            let ch = lower[idx]
            if capitalizeNext && ch.isLetter {
                let part = lower[idx...]
                if part.hasPrefix("ij"), part.count > 2,
                   let third = part.dropFirst(2).first, !"aeiouy".contains(third) {
                    result += "IJ"
                    idx = lower.index(idx, offsetBy: 2)
                    capitalizeNext = false
                    continue
                }
                result += String(ch).uppercased()
                // McCarthy, McDonald: capitalise the letter after a leading "Mc".
                if ch == "m", idx == partStart, part.count > 3, part.dropFirst().first == "c" {
                    result += "c"
                    idx = lower.index(idx, offsetBy: 2)
                    capitalizeNext = true
                    continue
                }
                capitalizeNext = false
            } else {
                result.append(ch)
                if ch == "-" || ch == "'" {
                    capitalizeNext = true
                    partStart = lower.index(after: idx)
                }
            }
            idx = lower.index(after: idx)
        }
        return result
    }
}

extension String {
    /// Typographic apostrophes replaced by `'`.
    fileprivate func replacingApostrophes() -> String {
        guard unicodeScalars.contains(where: { $0 == "’" || $0 == "‘" || $0 == "ʼ" || $0 == "`" || $0 == "´" }) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map {
            ($0 == "’" || $0 == "‘" || $0 == "ʼ" || $0 == "`" || $0 == "´") ? "'" : $0
        }))
    }

    /// Trailing dots removed (`mevr.` → `mevr`).
    fileprivate func trimmingDots() -> String {
        var s = Substring(self)
        while s.hasSuffix(".") { s = s.dropLast() }
        return String(s)
    }
}
