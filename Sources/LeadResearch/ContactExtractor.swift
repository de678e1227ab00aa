import Foundation
import LeadCore

struct ContactCueFile: Decodable {
    var phoneLabels: [String]
    var faxLabels: [String]
    var supportLabels: [String]
    var officeMarkers: [String]
    enum CodingKeys: String, CodingKey {
        case phoneLabels = "phone_labels"
        case faxLabels = "fax_labels"
        case supportLabels = "support_labels"
        case officeMarkers = "office_markers"
    }
}

/// Phone/fax/support labels and office markers (`rules/contact_cues.yaml`).
struct ContactCues: Sendable {
    let phoneLabels: [String]
    let faxLabels: [String]
    let supportLabels: [String]
    let officeMarkers: [String]
    let labelledPhone: NSRegularExpression
    let anyPhone: NSRegularExpression
    /// The phone and fax labels (lower, upper and capitalised): a text without one has no labelled phone.
    let labelWords: MultiMatcher
    /// The phone labels without `.`/`:`, for the words before a tel: link.
    let phoneLabelWords: Set<String>

    init(_ f: ContactCueFile) {
        phoneLabels = f.phoneLabels.map { $0.lowercased() }
        faxLabels = f.faxLabels.map { $0.lowercased() }
        supportLabels = f.supportLabels.map { $0.lowercased() }
        officeMarkers = f.officeMarkers.map { $0.lowercased() }
        let labels = (phoneLabels + faxLabels).map { NSRegularExpression.escapedPattern(for: $0.trimmingCharacters(in: CharacterSet(charactersIn: ".:"))) }
            .sorted { $0.count > $1.count }.joined(separator: "|")
        // "Tel.: +31 (0)20 123 45 67", "Fax 020-1234567": label, punctuation, then a phone-shaped run.
        labelledPhone = try! NSRegularExpression(
            pattern: "(?<![\\p{L}])(" + labels + ")\\.?\\s{0,3}[:.]?\\s{0,3}(\\+?[0-9(][0-9 ().\\-/\\u00A0]{5,22}[0-9])", options: [.caseInsensitive])
        anyPhone = try! NSRegularExpression(pattern: "(?<![0-9\\p{L}])(\\+[0-9][0-9 ().\\-/\\u00A0]{6,22}[0-9])")
        var words = Set<String>()
        for l in phoneLabels + faxLabels {
            let w = l.trimmingCharacters(in: CharacterSet(charactersIn: ".:"))
            guard !w.isEmpty else { continue }
            words.formUnion([w, w.uppercased(), w.prefix(1).uppercased() + w.dropFirst()])
        }
        labelWords = MultiMatcher(words.sorted(), ignoringASCIICase: true)
        phoneLabelWords = Set(phoneLabels.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".:")) })
    }

    func isFax(_ label: String) -> Bool { faxLabels.contains { label.contains($0) } }
    func isSupport(_ label: String) -> Bool { supportLabels.contains { label.contains($0) } }
    func isPhoneLabel(_ label: String) -> Bool {
        let words = label.split(whereSeparator: { !$0.isLetter && $0 != "." }).map { $0.trimmed(where: { $0 == "." }) }
        return words.contains { phoneLabelWords.contains($0) }
    }
}

/// A phone number seen on a page.
struct PhoneCandidate: Sendable {
    enum Role: Int, Sendable { case main = 0, other = 1, fax = 2 }
    var e164: String
    var score: Int
    var role: Role
    var url: String
    var method: ExtractionMethod
    var evidence: String
}

/// A phone number as written on one page, before the site's country is known (national numbers
/// need it for E.164).
struct RawPhone: Sendable {
    var raw: String
    var score: Int
    var role: PhoneCandidate.Role
    var method: ExtractionMethod

    /// The candidate in E.164, or `nil` when the text is not a phone number.
    func candidate(url: String, defaultCountry: String?) -> PhoneCandidate? {
        guard let e = PhoneNumber.e164(raw, defaultCountry: defaultCountry) else { return nil }
        return PhoneCandidate(e164: e, score: score, role: role, url: url, method: method, evidence: raw)
    }
}

/// Phones and e-mails from tel:/mailto: links, labelled text and Cloudflare-protected addresses.
enum ContactExtractor {
    /// Phones of a page. `precheck` skips texts the regexes cannot match (off only in tests).
    static func phones(in page: PageScan, cues: ContactCues, precheck: Bool = true) -> [RawPhone] {
        var out: [RawPhone] = []
        for link in page.links {
            let lower = link.href.lowercased()
            guard lower.hasPrefix("tel:") || lower.hasPrefix("callto:") else { continue }
            var raw = (link.href.removingPercentEncoding ?? link.href)
            // The visible text wins when it is written internationally and the href is not ("tel:941…" / "+34 94 …").
            let shown = link.text.trimmedSpace(newlines: false)
            let hrefNumber = raw.dropFirst(raw.lowercased().hasPrefix("tel:") ? 4 : 7).trimmedSpace(newlines: false)
            if !hrefNumber.hasPrefix("+"), !hrefNumber.hasPrefix("00"), shown.hasPrefix("+") || shown.hasPrefix("00"),
               PhoneNumber.e164(shown, defaultCountry: nil) != nil {
                raw = shown
            }
            let label = String(link.label.lowercased().suffix(40))
            // The label closest to the link decides: look at the text after the last number in the label.
            let tail = lastClause(label)
            if cues.isFax(tail) { out.append(RawPhone(raw: raw, score: 0, role: .fax, method: .link)); continue }
            var role: PhoneCandidate.Role = .main
            var score = 1
            if cues.isPhoneLabel(tail) { score = 4 } else if !link.region.intersection([.footer, .header, .contact]).isEmpty { score = 3 }
            if link.region.contains(.office) || cues.isSupport(tail) { role = .other; score = 0 }
            out.append(RawPhone(raw: raw, score: score, role: role, method: .link))
        }
        for seg in page.segments {
            let text = seg.text
            // A phone needs digits; a labelled one a label word, an unlabelled one "+digit".
            var digits = 0
            var plusDigit = false
            var previousPlus = false
            for b in text.utf8 {
                let digit = b >= 0x30 && b <= 0x39
                if digit { digits += 1; if previousPlus { plusDigit = true } }
                previousPlus = b == 0x2B
            }
            if !precheck { plusDigit = true }
            guard digits >= 6 || !precheck else { continue }
            let hasLabel = !precheck || cues.labelWords.matchesAny(text)
            guard hasLabel || plusDigit else { continue }
            let ns = text as NSString
            let full = NSRange(location: 0, length: ns.length)
            var labelled: [NSRange] = []
            for m in hasLabel ? cues.labelledPhone.matches(in: text, range: full) : [] {
                let label = ns.substring(with: m.range(at: 1)).lowercased()
                let raw = ns.substring(with: m.range(at: 2))
                labelled.append(m.range(at: 2))
                let before = ns.substring(with: NSRange(location: max(0, m.range.location - 30), length: min(30, m.range.location))).lowercased()
                if cues.isFax(label) { out.append(RawPhone(raw: raw, score: 0, role: .fax, method: .text)); continue }
                let other = seg.region.contains(.office) || cues.isSupport(before + " " + label)
                out.append(RawPhone(raw: raw, score: other ? 0 : 4, role: other ? .other : .main, method: .text))
            }
            // Unlabelled international numbers (office lists): all-phones only.
            for m in plusDigit ? cues.anyPhone.matches(in: text, range: full) : [] where !labelled.contains(where: { NSIntersectionRange($0, m.range).length > 0 }) {
                let raw = ns.substring(with: m.range(at: 1))
                let before = ns.substring(with: NSRange(location: max(0, m.range.location - 12), length: min(12, m.range.location))).lowercased()
                if cues.isFax(before) { out.append(RawPhone(raw: raw, score: 0, role: .fax, method: .text)); continue }
                out.append(RawPhone(raw: raw, score: 0, role: .other, method: .text))
            }
        }
        return out
    }

    /// The patterns ``PostcodeScanner`` checks, in its order (kept for the tests that hold it to them).
    static let postcodes: [(NSRegularExpression, String)] = [
        (try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9])[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}(?![A-Za-z0-9])"#), "GB"),
        (try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9])[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}(?![A-Za-z0-9])"#), "NL"),
        (try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9])(?:D0[1-9]|D1[0-8]|D2[024]|D6W|[ACEFHKNPRTVWXY][0-9]{2}) [A-Z0-9]{4}(?![A-Za-z0-9])"#), "IE"),
    ]

    /// A country from a distinctive postal code in the footer/contact text (UK, NL, IE postcodes), not office lists.
    static func countryFromPostcode(_ page: PageScan) -> String? {
        for seg in page.segments where !seg.region.contains(.office) && !seg.region.intersection([.footer, .contact]).isEmpty {
            if let country = PostcodeScanner.country(in: seg.text) { return country }
        }
        return nil
    }

    /// The text after the last digit in a label ("Tel: 020 … Fax:" → " fax:").
    private static func lastClause(_ label: String) -> String {
        if let idx = label.lastIndex(where: { $0.isNumber }) { return String(label[label.index(after: idx)...]) }
        return label
    }

    /// What ``EmailScanner`` finds (kept for the tests that hold the scanner to it).
    static let emailPattern = try! NSRegularExpression(
        pattern: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#)
    private static let obfuscated = try! NSRegularExpression(
        pattern: #"([A-Za-z0-9._%+\-]+)\s*[\[\(\{]\s*(?:at|@|arobase|apenstaart|klammeraffe)\s*[\]\)\}]\s*([A-Za-z0-9\-]+(?:\s*[\[\(\{]\s*(?:dot|punt|punkt|point|\.)\s*[\]\)\}]\s*[A-Za-z0-9\-]+)+)"#,
        options: [.caseInsensitive])
    private static let dotPattern = try! NSRegularExpression(pattern: #"\s*[\[\(\{]\s*(?:dot|punt|punkt|point|\.)\s*[\]\)\}]\s*"#, options: [.caseInsensitive])

    /// Whether the text has "[at]", "( @ )", "{arobase}"… (the only way the written-out pattern can
    /// match): an opening bracket, optional spaces, one of the words, optional spaces, a closing one.
    static func mayHaveBracketedAt(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { b in
            func isSpace(_ x: UInt8) -> Bool { x == 0x20 || (x >= 0x09 && x <= 0x0D) }
            func lower(_ x: UInt8) -> UInt8 { x >= 0x41 && x <= 0x5A ? x + 0x20 : x }
            var i = 0
            while i < b.count {
                let c = b[i]
                i += 1
                guard c == 0x5B || c == 0x28 || c == 0x7B else { continue }
                var j = i
                while j < b.count, isSpace(b[j]) { j += 1 }
                if j < b.count, b[j] >= 0x80 { return true }  // another kind of space: let the regex decide
                for word in bracketWords {
                    var k = 0
                    while k < word.count, j + k < b.count, lower(b[j + k]) == word[k] { k += 1 }
                    guard k == word.count else { continue }
                    var e = j + k
                    while e < b.count, isSpace(b[e]) { e += 1 }
                    if e < b.count, b[e] == 0x5D || b[e] == 0x29 || b[e] == 0x7D || b[e] >= 0x80 { return true }
                }
            }
            return false
        }
    }

    private static let bracketWords: [[UInt8]] = ["at", "@", "arobase", "apenstaart", "klammeraffe"].map { Array($0.utf8) }

    /// E-mail addresses of a page. `precheck` skips texts the regexes cannot match (off only in tests).
    static func emails(in page: PageScan, precheck: Bool = true) -> [String] {
        var out: [String] = []
        for link in page.links where link.href.lowercased().hasPrefix("mailto:") {
            var addr = String(link.href.dropFirst(7))
            if let q = addr.firstIndex(of: "?") { addr = String(addr[..<q]) }
            addr = (addr.removingPercentEncoding ?? addr).trimmedSpace(newlines: false).lowercased()
            if addr.contains("@") { out.append(addr) }
        }
        for hex in page.cfEmails { if let e = decodeCloudflare(hex) { out.append(e.lowercased()) } }
        for seg in page.segments {
            // An address needs an "@"; a written-out one ("info [at] acme [dot] nl") needs brackets.
            var hasAt = !precheck
            for b in seg.text.utf8 where b == 0x40 { hasAt = true; break }
            let hasBracket = !precheck || Self.mayHaveBracketedAt(seg.text)
            guard hasAt || hasBracket else { continue }
            let ns = seg.text as NSString
            let full = NSRange(location: 0, length: ns.length)
            if hasAt {
                for m in EmailScanner.matches(in: seg.text) { out.append(m.lowercased()) }
            }
            guard hasBracket else { continue }
            for m in obfuscated.matches(in: seg.text, range: full) {
                let local = ns.substring(with: m.range(at: 1))
                let domainRaw = ns.substring(with: m.range(at: 2))
                let domain = dotPattern.stringByReplacingMatches(in: domainRaw, range: NSRange(location: 0, length: (domainRaw as NSString).length), withTemplate: ".")
                out.append((local + "@" + domain).lowercased())
            }
        }
        var seen = Set<String>()
        return out.filter { !$0.containsBytes("[email") && seen.insert($0).inserted }
    }

    /// Decodes Cloudflare email protection: first byte is the XOR key.
    static func decodeCloudflare(_ hex: String) -> String? {
        let chars = Array(hex.utf8)
        guard chars.count >= 4, chars.count % 2 == 0 else { return nil }
        func byte(_ i: Int) -> UInt8? {
            guard let s = String(bytes: chars[i..<i + 2], encoding: .ascii) else { return nil }
            return UInt8(s, radix: 16)
        }
        guard let key = byte(0) else { return nil }
        var out: [UInt8] = []
        var i = 2
        while i < chars.count {
            guard let b = byte(i) else { return nil }
            out.append(b ^ key)
            i += 2
        }
        let s = String(decoding: out, as: UTF8.self)
        return s.contains("@") ? s : nil
    }
}
