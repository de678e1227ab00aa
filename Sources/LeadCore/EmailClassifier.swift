import Foundation

/// The `email_flags` block of a lead.
public struct EmailFlags: Sendable, Equatable {
    /// The address passed the syntax, TLD and ASCII checks.
    public var valid: Bool
    /// A consumer mailbox provider or ISP (gmail, hotmail, web.de, orange.fr …). `false` when invalid.
    public var freemail: Bool
    /// A throw-away mailbox service (mailinator, yopmail …). `false` when invalid.
    public var disposable: Bool
    /// The local part names a function, not a person (`info@`, `sales@`, `kantoor@`). `false` when invalid.
    public var role: Bool
    /// `missing`, `syntax`, `unknown_tld` or `non_ascii_local`; `nil` when valid.
    public var invalidReason: String?

    /// Creates flags.
    public init(valid: Bool, freemail: Bool, disposable: Bool, role: Bool, invalidReason: String?) {
        self.valid = valid
        self.freemail = freemail
        self.disposable = disposable
        self.role = role
        self.invalidReason = invalidReason
    }

    /// The `email_type`: the first that applies of missing, invalid, disposable, freemail, role, corporate.
    public var type: EmailType {
        if !valid { return invalidReason == EmailParser.Reason.missing ? .missing : .invalid }
        if disposable { return .disposable }
        if freemail { return .freemail }
        if role { return .role }
        return .corporate
    }
}

/// The kind of an e-mail address, in precedence order (`email_type` in the truth).
public enum EmailType: String, Sendable, CaseIterable, Codable {
    case missing, invalid, disposable, freemail, role, corporate
}

/// Classifies canonical addresses with the user-editable lists in `rules/email/`.
///
/// - `email/freemail.txt`, `email/disposable.txt`: domains; a line matches the domain itself and its
///   sub-domains; `name.*` matches `name` under any public suffix (`hotmail.*` → `hotmail.co.uk`).
/// - `email/role_locals.txt`: local parts such as `info`, `sales`, `kantoor`.
public struct EmailClassifier: Sendable {
    /// The list files this classifier reads, relative to the rules folder.
    public static let freemailFile = "email/freemail.txt"
    /// Disposable domains list.
    public static let disposableFile = "email/disposable.txt"
    /// Role local parts list.
    public static let roleLocalsFile = "email/role_locals.txt"

    private let freemail: DomainList
    private let disposable: DomainList
    private let roleWords: Set<String>

    /// Loads the three lists.
    ///
    /// - Parameter rules: the rules folder.
    /// - Throws: `bad_rules` naming the file when a list is missing, unreadable or has a malformed entry.
    public init(rules: RuleFiles) throws(LeadsmithError) {
        freemail = try DomainList(entries: rules.list(Self.freemailFile), file: rules.url(Self.freemailFile).path)
        disposable = try DomainList(entries: rules.list(Self.disposableFile), file: rules.url(Self.disposableFile).path)
        roleWords = Set(try rules.list(Self.roleLocalsFile).map { Self.normalizeRoleWord($0) }.filter { !$0.isEmpty })
    }

    /// Creates a classifier from in-memory lists (same syntax as the files), for tests and embedding.
    ///
    /// - Throws: `bad_rules` when an entry is malformed.
    public init(freemail: [String], disposable: [String], roleLocals: [String]) throws(LeadsmithError) {
        self.freemail = try DomainList(entries: freemail, file: Self.freemailFile)
        self.disposable = try DomainList(entries: disposable, file: Self.disposableFile)
        self.roleWords = Set(roleLocals.map { Self.normalizeRoleWord($0) }.filter { !$0.isEmpty })
    }

    /// The flags of one parsed address. An invalid address has every flag `false`.
    ///
    /// - Parameter e: the result of ``EmailParser/parse(_:)``.
    /// - Returns: validity, freemail, disposable and role flags with the invalid reason.
    public func flags(_ e: CanonicalEmail) -> EmailFlags {
        guard e.valid, let domain = e.domain, let local = e.local else {
            return EmailFlags(valid: false, freemail: false, disposable: false, role: false,
                              invalidReason: e.invalidReason ?? EmailParser.Reason.syntax)
        }
        return EmailFlags(valid: true, freemail: isFreemail(domain: domain), disposable: isDisposable(domain: domain),
                          role: isRole(local: local), invalidReason: nil)
    }

    /// Whether `domain` (ASCII, any case) or a parent of it is a consumer mailbox provider.
    public func isFreemail(domain: String) -> Bool { freemail.contains(domain) }

    /// Whether `domain` (ASCII, any case) or a parent of it is a throw-away mailbox service.
    public func isDisposable(domain: String) -> Bool { disposable.contains(domain) }

    /// Whether a local part is a role account (`info`, `sales.nl`, `customer-service`, `info2`).
    ///
    /// Case, a `+tag` and trailing digits are ignored; a local part of several role words and
    /// two-letter codes joined by `.`, `_` or `-` counts too.
    public func isRole(local: String) -> Bool {
        guard local.utf8.allSatisfy({ $0 < 0x80 }) else { return isRoleScalars(local: local) }
        // ASCII (every valid local part): the same steps on bytes, without building lower-cased copies.
        var bytes = Array(local.utf8)
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] += 32 }
        var l = bytes[...]
        if let plus = l.firstIndex(of: UInt8(ascii: "+")) { l = l[..<plus] }
        if roleWords.contains(Self.roleWord(lowercasedASCII: l)) { return true }
        let parts = l.split(whereSeparator: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") })
        guard parts.count > 1 else { return false }
        var sawRole = false
        for p in parts {
            if roleWords.contains(Self.roleWord(lowercasedASCII: p)) {
                sawRole = true
            } else if !(p.count == 2 && p.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }) {
                return false
            }
        }
        return sawRole
    }

    /// ``isRole(local:)`` for a local part with non-ASCII text, on Characters.
    func isRoleScalars(local: String) -> Bool {
        var l = Substring(local.lowercased())
        if let plus = l.firstIndex(of: "+") { l = l[..<plus] }
        if roleWords.contains(Self.normalizeRoleWord(String(l))) { return true }
        let parts = l.split(whereSeparator: { $0 == "." || $0 == "_" || $0 == "-" })
        guard parts.count > 1 else { return false }
        var sawRole = false
        for p in parts {
            let w = Self.normalizeRoleWord(String(p))
            if roleWords.contains(w) {
                sawRole = true
            } else if !(p.count == 2 && p.allSatisfy { $0.isASCII && $0.isLetter }) {
                return false
            }
        }
        return sawRole
    }

    /// Lower-case, `.`/`_`/`-`/space removed, trailing digits removed.
    static func normalizeRoleWord(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            return roleWord(lowercasedASCII: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }[...])
        }
        return normalizeRoleWordScalars(word)
    }

    /// ``normalizeRoleWord(_:)`` for any text, on scalars (the ASCII path must agree with it).
    static func normalizeRoleWordScalars(_ word: String) -> String {
        var s = String.UnicodeScalarView()
        for u in word.lowercased().unicodeScalars where u != "." && u != "_" && u != "-" && u != " " { s.append(u) }
        while let last = s.last, last.value >= 0x30 && last.value <= 0x39 { s.removeLast() }
        return String(s)
    }

    /// ``normalizeRoleWord(_:)`` of lower-case ASCII bytes.
    static func roleWord(lowercasedASCII bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for b in bytes where b != UInt8(ascii: ".") && b != UInt8(ascii: "_") && b != UInt8(ascii: "-") && b != UInt8(ascii: " ") {
            out.append(b)
        }
        while let last = out.last, last >= 0x30 && last <= 0x39 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A list of domains with sub-domain and `name.*` matching.
struct DomainList: Sendable {
    private var exact: Set<String> = []
    private var anySuffix: Set<String> = []

    init(entries: [String], file: String) throws(LeadsmithError) {
        for raw in entries {
            let e = raw.lowercased()
            if e.hasSuffix(".*") {
                let label = String(e.dropLast(2))
                guard !label.isEmpty, !label.contains("."), !label.contains("*") else {
                    throw LeadsmithError(.badRules, "`\(raw)`: a wildcard entry is one label followed by `.*` (e.g. `hotmail.*`)", file: file)
                }
                anySuffix.insert(label)
            } else {
                guard !e.contains("*"), !e.contains("@"), e.contains("."), let ascii = PublicSuffix.asciiHost(e) else {
                    throw LeadsmithError(.badRules, "`\(raw)` is not a domain (write `example.com`, or `example.*` for every suffix)", file: file)
                }
                exact.insert(ascii)
            }
        }
    }

    /// Whether `domain` or one of its parent domains is listed, or its registrable label is a `name.*` entry.
    func contains(_ domain: String) -> Bool {
        let d = domain.lowercased()
        var sawWildcardLabel = false
        var labelStart = d.startIndex
        var index = d.startIndex
        // Walk the labels once: each suffix starting at a label is a candidate parent domain.
        while true {
            if !exact.isEmpty && exact.contains(String(d[labelStart...])) { return true }
            guard let dot = d[index...].firstIndex(of: ".") else {
                if !anySuffix.isEmpty && anySuffix.contains(String(d[labelStart...])) { sawWildcardLabel = true }
                break
            }
            if !anySuffix.isEmpty && anySuffix.contains(String(d[labelStart..<dot])) { sawWildcardLabel = true }
            index = d.index(after: dot)
            labelStart = index
        }
        // Only ask the public-suffix list when a label could be a `name.*` entry.
        guard sawWildcardLabel, let reg = PublicSuffix.registrableDomain(d),
              let label = reg.split(separator: ".").first else { return false }
        return anySuffix.contains(String(label))
    }
}
