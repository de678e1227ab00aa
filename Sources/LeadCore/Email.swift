import Foundation

/// An e-mail address as found in a record, with its canonical form and dedupe key.
///
/// Canonicalisation follows the corpus README ("E-mail", steps 1–6):
/// 1. remove zero-width characters, trim whitespace incl. NBSP;
/// 2. if there is a `<…>` part take it (`Jan de Vries <jan@acme.nl>`);
/// 3. strip a leading `mailto:`;
/// 4. lower-case;
/// 5. IDNA-encode the domain (punycode);
/// 6. validate: exactly one `@`; an ASCII local part of ``EmailParser/localCharacters`` without
///    leading, trailing or double dots; at least two domain labels of `[a-z0-9-]` not starting or
///    ending with `-`; an existing top-level domain; at most 254 characters in all.
public struct CanonicalEmail: Sendable, Equatable {
    /// The text as found (empty when the field was absent).
    public var raw: String
    /// Step 1 only: invisible characters removed and whitespace trimmed, case kept.
    /// This is what the output shows for an invalid address ("the trimmed text as found").
    public var trimmed: String
    /// Steps 1–5 applied, whether or not the result is valid.
    public var cleaned: String
    /// The canonical address (steps 1–6) when valid, else `nil`.
    public var email: String?
    /// The local part of ``email`` when valid.
    public var local: String?
    /// The domain part of ``email`` (punycode) when valid.
    public var domain: String?
    /// The dedupe key (`email_key`): ``email`` with a `+tag` removed from the local part and, for
    /// `gmail.com`/`googlemail.com`, dots removed and the domain mapped to `gmail.com`. `nil` when invalid.
    public var key: String?
    /// Whether the address passed all checks.
    public var valid: Bool
    /// Why it is invalid: `missing`, `syntax`, `unknown_tld` or `non_ascii_local`; `nil` when valid.
    public var invalidReason: String?

    /// Creates a value; prefer ``EmailParser/parse(_:)``.
    public init(raw: String, trimmed: String, cleaned: String, email: String?, local: String?, domain: String?,
                key: String?, valid: Bool, invalidReason: String?) {
        self.raw = raw
        self.trimmed = trimmed
        self.cleaned = cleaned
        self.email = email
        self.local = local
        self.domain = domain
        self.key = key
        self.valid = valid
        self.invalidReason = invalidReason
    }

    /// The key that groups records of one person (`dup_group`): ``key`` when valid; for an invalid
    /// address its cleaned text, so the same typo typed twice still groups; `nil` when missing or a
    /// placeholder such as `-`, `n/a` or `none` (text that is no attempt at an address).
    public var groupKey: String? {
        if let key { return key }
        guard invalidReason != EmailParser.Reason.missing, !cleaned.isEmpty else { return nil }
        let letters = TextCleaning.tokens(cleaned).joined()
        if letters.isEmpty || EmailParser.placeholders.contains(letters) { return nil }
        return cleaned
    }

    /// The value `person.email` shows: the canonical address when valid, else the trimmed text as
    /// found, `nil` when missing.
    public var outputValue: String? {
        if let email { return email }
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// Parses and canonicalises e-mail addresses (see ``CanonicalEmail``).
public enum EmailParser {
    /// Reasons an address is invalid, as written in `email_flags.invalid_reason`.
    public enum Reason {
        /// No address at all (absent field, empty or whitespace only).
        public static let missing = "missing"
        /// Not shaped like an address.
        public static let syntax = "syntax"
        /// The last domain label is not a top-level domain (`.con`, `.cmo`).
        public static let unknownTLD = "unknown_tld"
        /// The local part has non-ASCII letters (`zoë@acme.nl`).
        public static let nonASCIILocal = "non_ascii_local"
    }

    /// Texts typed instead of an address (compared as folded letters and digits: `n/a` → `na`).
    static let placeholders: Set<String> = [
        "na", "nvt", "nb", "none", "no", "null", "nil", "unknown", "geen", "keine", "kein", "aucun", "aucune",
        "ninguno", "nessuno", "brak", "onbekend", "unbekannt", "inconnu", "test", "x", "xx", "xxx", "email", "mail",
    ]

    /// The longest valid address (local part, `@`, ASCII domain), as SMTP limits it.
    public static let maxAddressLength = 254

    /// The characters allowed in a local part besides `a-z` and `0-9`.
    public static let localCharacters = "!#$%&'*+/=?^_`{|}~.-"

    private static let localSpecials: Set<UInt8> = Set(localCharacters.utf8)

    /// Parses one raw value (field text or an address taken from a transcript).
    ///
    /// - Parameter raw: the text as found; `nil` or blank means missing.
    /// - Returns: the canonical form, validity and dedupe key.
    public static func parse(_ raw: String?) -> CanonicalEmail {
        // Step 1.
        let trimmed = raw.map(TextCleaning.trimmed) ?? ""
        guard !trimmed.isEmpty else {
            return CanonicalEmail(raw: raw ?? "", trimmed: "", cleaned: "", email: nil, local: nil, domain: nil,
                                  key: nil, valid: false, invalidReason: Reason.missing)
        }
        let lower: String
        let parts: [Substring]
        if let ascii = asciiSteps2to4(trimmed) {
            lower = ascii
            parts = splitAtSigns(lower)
        } else {
            lower = steps2to4(trimmed)
            parts = lower.split(separator: "@", omittingEmptySubsequences: false)
        }
        // Step 5: IDNA-encode the domain part (only when exactly one `@` splits it).
        var cleaned = lower
        var asciiDomain: String?
        if parts.count == 2 {
            let domainPart = String(parts[1])
            if let a = PublicSuffix.asciiHost(domainPart) {
                asciiDomain = a
                cleaned = parts[0] + "@" + a
            }
        }
        func invalid(_ reason: String) -> CanonicalEmail {
            CanonicalEmail(raw: raw ?? "", trimmed: trimmed, cleaned: cleaned, email: nil, local: nil, domain: nil,
                           key: nil, valid: false, invalidReason: reason)
        }
        // Step 6.
        guard parts.count == 2 else { return invalid(Reason.syntax) }
        let local = String(parts[0])
        guard !local.isEmpty, local.utf8.count <= 64 else { return invalid(Reason.syntax) }
        if local.utf8.contains(where: { $0 >= 0x80 }) {
            // Only a non-ASCII local part that is otherwise address-shaped gets the specific reason.
            let shaped = !local.unicodeScalars.contains { TextCleaning.isSpace($0) || $0 == "," || $0 == ";" }
            return invalid(shaped ? Reason.nonASCIILocal : Reason.syntax)
        }
        guard isValidLocal(local) else { return invalid(Reason.syntax) }
        guard let domain = asciiDomain, isValidDomainShape(domain) else { return invalid(Reason.syntax) }
        // SMTP's path limit (RFC 5321 4.5.3.1.3): no mailbox takes a longer address.
        guard local.utf8.count + 1 + domain.utf8.count <= maxAddressLength else { return invalid(Reason.syntax) }
        let tld = domain[domain.index(after: domain.lastIndex(of: ".")!)...]
        guard PublicSuffix.isKnownTLD(String(tld)) else { return invalid(Reason.unknownTLD) }
        let email = local + "@" + domain
        return CanonicalEmail(raw: raw ?? "", trimmed: trimmed, cleaned: email, email: email, local: local, domain: domain,
                              key: dedupeKey(local: local, domain: domain), valid: true, invalidReason: nil)
    }

    /// Steps 2–4 (`Name <addr>`, `mailto:`, lower-case) of a trimmed, non-empty text.
    static func steps2to4(_ trimmed: String) -> String {
        var text = Substring(trimmed)
        // Step 2: `Name <addr>`.
        if let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            text = text[text.index(after: open)..<close]
            text = Substring(TextCleaning.trimmed(String(text)))
        }
        // Step 3: `mailto:` (and any `?subject=` query that came with it).
        if text.count >= 7, text.prefix(7).lowercased() == "mailto:" {
            text = text.dropFirst(7)
            if let q = text.firstIndex(of: "?") { text = text[..<q] }
            text = Substring(TextCleaning.trimmed(String(text)))
        }
        // Step 4.
        return text.lowercased()
    }

    /// Steps 2–4 on bytes for the usual address: ASCII without `<` and not starting with `mailto:`,
    /// where steps 2 and 3 change nothing and lower-casing is per byte; `nil` for other text.
    static func asciiSteps2to4(_ trimmed: String) -> String? {
        let utf8 = trimmed.utf8
        guard utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "<") }) else { return nil }
        // The first 7 bytes spelling `mailto:` in any case is the only way the first 7 Characters do.
        if utf8.count >= 7, utf8.prefix(7).map({ $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }).elementsEqual("mailto:".utf8) {
            return nil
        }
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return trimmed }
        return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// `text.split(separator: "@", omittingEmptySubsequences: false)` for ASCII text, on bytes (an `@`
    /// byte is an `@` Character there).
    static func splitAtSigns(_ text: String) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var i = text.utf8.startIndex
        while i < text.utf8.endIndex {
            if text.utf8[i] == UInt8(ascii: "@") {
                parts.append(text[start..<i])
                start = text.utf8.index(after: i)
            }
            i = text.utf8.index(after: i)
        }
        parts.append(text[start...])
        return parts
    }

    /// The dedupe key of a valid, canonical address split into its parts.
    ///
    /// - Parameters:
    ///   - local: the lower-case local part.
    ///   - domain: the lower-case ASCII domain.
    /// - Returns: `local` without a `+tag` (and, for Gmail, without dots) `@` the domain
    ///   (`googlemail.com` becomes `gmail.com`).
    public static func dedupeKey(local: String, domain: String) -> String {
        var l = Substring(local)
        if let plus = l.firstIndex(of: "+"), plus != l.startIndex { l = l[..<plus] }
        var d = domain
        if d == "gmail.com" || d == "googlemail.com" {
            d = "gmail.com"
            let undotted = l.filter { $0 != "." }
            if !undotted.isEmpty { l = Substring(undotted) }
        }
        return l + "@" + d
    }

    /// ASCII local part of allowed characters, no leading, trailing or double dot.
    static func isValidLocal(_ local: String) -> Bool {
        var previousDot = true // a leading dot is rejected like a double one
        for b in local.utf8 {
            let isAlnum = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
            if b == UInt8(ascii: ".") {
                if previousDot { return false }
                previousDot = true
                continue
            }
            guard isAlnum || localSpecials.contains(b) else { return false }
            previousDot = false
        }
        return !previousDot
    }

    /// At least two labels of `[a-z0-9-]`, none empty, none starting or ending with `-`.
    static func isValidDomainShape(_ domain: String) -> Bool {
        guard domain.utf8.count <= 253 else { return false }
        let labels = domain.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.count <= 63,
                  label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else { return false }
            for b in label {
                let ok = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-")
                if !ok { return false }
            }
        }
        return true
    }
}
