import Crypto
import Foundation
public import LeadCore

/// People who must not be researched or handed over (`--suppress FILE`).
///
/// One entry a line: an e-mail address, a domain, or the SHA-256 (64 hex digits) of a normalised
/// e-mail address. `#` starts a comment (whole line or after an entry); blank lines are ignored.
/// Normalised means leadsmith's canonical form: trimmed, lower-cased, IDNA domain
/// (`printf %s jane.doe@acme.nl | sha256sum`). Addresses also match by their dedupe key
/// (`+tag` removed, Gmail dots ignored), so `jane+news@acme.nl` on the list suppresses `jane@acme.nl`.
/// A domain suppresses every address at it or at its subdomains and every lead whose company
/// domain it is.
public struct SuppressionList: Sendable, Equatable {
    /// Canonical addresses and dedupe keys.
    public private(set) var emails: Set<String> = []
    /// Domains (lower-case, IDNA).
    public private(set) var domains: Set<String> = []
    /// SHA-256 hex digests (lower-case).
    public private(set) var hashes: Set<String> = []

    /// An empty list.
    public init() {}

    /// Number of entries.
    public var count: Int { emails.count + domains.count + hashes.count }

    /// Reads a list file.
    /// - Throws: `input_missing` (66) when unreadable, `bad_rules` (78, configuration) naming
    ///   file:line for a line that is neither an address, a domain nor a SHA-256 digest.
    public init(file path: String) throws(LeadsmithError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LeadsmithError(.inputMissing, "suppression list not found or not readable (--suppress)", file: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LeadsmithError(.badRules, "suppression list is not UTF-8 text (--suppress)", file: path)
        }
        try self.init(text: text, file: path)
    }

    /// Parses list text; `file` names it in errors.
    public init(text: String, file: String) throws(LeadsmithError) {
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            var line = Substring(raw)
            if lineNo == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let entry = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if entry.isEmpty { continue }
            if entry.count == 64, entry.allSatisfy(\.isHexDigit) {
                hashes.insert(entry.lowercased())
            } else if entry.contains("@") {
                // An unknown top-level domain is kept (such a lead's address is invalid but still has a key).
                let parsed = EmailParser.parse(entry)
                guard parsed.valid || parsed.invalidReason == EmailParser.Reason.unknownTLD else {
                    throw LeadsmithError(.badRules, "suppression list: '\(entry)' is not a valid e-mail address (\(parsed.invalidReason ?? "syntax"))",
                                         file: file, line: lineNo)
                }
                emails.insert(parsed.email ?? parsed.cleaned)
                if let key = parsed.key { emails.insert(key) }
            } else if let domain = Self.domain(entry) {
                domains.insert(domain)
            } else {
                throw LeadsmithError(.badRules, "suppression list: '\(entry)' is neither an e-mail address, a domain nor a SHA-256 hex digest",
                                     file: file, line: lineNo)
            }
        }
    }

    /// A domain entry normalised (lower-case, IDNA via the e-mail parser), or `nil` when it is not one.
    static func domain(_ entry: String) -> String? {
        var s = entry.lowercased()
        if let r = s.range(of: "://") { s = String(s[r.upperBound...]) }
        if let cut = s.firstIndex(where: { $0 == "/" || $0 == "?" }) { s = String(s[..<cut]) }
        if s.hasPrefix("www.") { s = String(s.dropFirst(4)) }
        if s.hasPrefix("@") { s = String(s.dropFirst()) }
        guard s.contains("."), !s.contains(" ") else { return nil }
        let probe = EmailParser.parse("x@" + s)
        if probe.valid { return probe.domain }
        guard probe.invalidReason == EmailParser.Reason.unknownTLD, probe.cleaned.hasPrefix("x@") else { return nil }
        return String(probe.cleaned.dropFirst(2))
    }

    /// The lower-case SHA-256 hex digest of a string's UTF-8 bytes.
    public static func sha256(_ s: String) -> String {
        SHA256.hash(data: Data(s.utf8)).map { b in
            let h = String(b, radix: 16)
            return b < 16 ? "0" + h : h
        }.joined()
    }

    /// Whether a person is on the list.
    /// - Parameters:
    ///   - email: the canonical address (valid addresses only).
    ///   - key: the dedupe key of the address.
    ///   - domains: the e-mail's domain and the company domains of the lead (before and after redirects).
    public func contains(email: String?, key: String?, domains candidates: [String]) -> Bool {
        if let email {
            if emails.contains(email) { return true }
            if !hashes.isEmpty, hashes.contains(Self.sha256(email)) { return true }
        }
        if let key, key != email {
            if emails.contains(key) { return true }
            if !hashes.isEmpty, hashes.contains(Self.sha256(key)) { return true }
        }
        guard !domains.isEmpty else { return false }
        for candidate in candidates {
            var d = Substring(candidate.lowercased())
            while true {
                if domains.contains(String(d)) { return true }
                guard let dot = d.firstIndex(of: ".") else { break }
                d = d[d.index(after: dot)...]
            }
        }
        return false
    }
}
