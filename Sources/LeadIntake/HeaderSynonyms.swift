import Foundation
public import LeadCore

/// Header and field-name synonyms: maps the many spellings of a column, form field or chat key
/// (in EN/NL/DE/FR/ES/IT/PL and provider merge tags) to one canonical field name.
///
/// The table is data in `rules/intake/headers.yaml`. Matching ignores case, diacritics, spaces,
/// underscores, hyphens and other punctuation (`E-mail` = `EMAIL` = `e_mail`, `País` = `pais`).
/// HubSpot object prefixes (`0-1/email`, `0-2/name`) are understood as the table's
/// `object_prefixes` say.
public struct HeaderSynonyms: Sendable {
    /// The canonical names values of ``RawRecord/fields`` use.
    public static let canonicalFields: [String] = [
        "email", "first_name", "last_name", "full_name", "company", "job_title", "website", "phone",
        "country", "self_reported_size", "message", "signup_date", "address", "geo_country", "tags",
        "notes", "page_url", "form_name", "language", "channel",
    ]
    /// Names that `canonical(_:)` may return besides the fields: the record id (`source_id` →
    /// ``RawRecord/sourceID``) and a consent flag (`consent` → ``RawRecord/consent``).
    public static let specialNames: [String] = ["source_id", "consent"]

    /// Derived field: the last part of a Mailchimp-style `Address` (its country).
    public static let addressCountry = "address_country"

    private let byKey: [String: String]
    private let prefixes: [String: ObjectPrefix]
    let chat: ChatKeys
    let form: FormKeys
    private let yesWords: Set<String>
    private let noWords: Set<String>

    struct ObjectPrefix: Sendable {
        var useSynonyms: Bool
        var names: [String: String]
    }

    /// Loads `intake/headers.yaml` from the rules folder.
    /// - Throws: `.badRules` naming the file for invalid YAML, an unknown canonical name, or one
    ///   spelling claimed by two canonical names.
    public static func load(_ rules: RuleFiles) throws(LeadsmithError) -> HeaderSynonyms {
        let path = "intake/headers.yaml"
        let table: HeaderTable = try rules.yaml(path)
        do {
            return try HeaderSynonyms(table: table)
        } catch let message {
            throw LeadsmithError(.badRules, message.text, file: rules.url(path).path)
        }
    }

    struct TableError: Error { var text: String }

    init(table: HeaderTable) throws(TableError) {
        let allowed = Set(Self.canonicalFields + Self.specialNames)
        var byKey: [String: String] = [:]
        for (canonical, spellings) in table.fields.sorted(by: { $0.key < $1.key }) {
            guard allowed.contains(canonical) else {
                throw TableError(text: "fields: unknown canonical name '\(canonical)' (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
            for spelling in spellings + [canonical] {
                let key = Self.key(spelling)
                guard !key.isEmpty else { throw TableError(text: "fields.\(canonical): empty spelling '\(spelling)'") }
                if let other = byKey[key], other != canonical {
                    throw TableError(text: "fields: '\(spelling)' is listed for both '\(other)' and '\(canonical)'")
                }
                byKey[key] = canonical
            }
        }
        var prefixes: [String: ObjectPrefix] = [:]
        for (prefix, spec) in table.objectPrefixes ?? [:] {
            var names: [String: String] = [:]
            for (name, canonical) in spec.names ?? [:] {
                guard allowed.contains(canonical) else {
                    throw TableError(text: "object_prefixes.\(prefix): unknown canonical name '\(canonical)'")
                }
                names[Self.key(name)] = canonical
            }
            prefixes[prefix] = ObjectPrefix(useSynonyms: spec.synonyms ?? false, names: names)
        }
        self.byKey = byKey
        self.prefixes = prefixes
        self.chat = ChatKeys(table.chat)
        self.form = FormKeys(table.form)
        self.yesWords = Set((table.booleans?.yesWords ?? []).map(Self.key))
        self.noWords = Set((table.booleans?.noWords ?? []).map(Self.key))
    }

    /// The canonical name for a header or field name, or `nil` when it is unknown (kept in `extra`).
    ///
    /// Returns one of ``canonicalFields`` or ``specialNames``.
    public func canonical(_ header: String) -> String? {
        if header.utf8.contains(UInt8(ascii: "/")), let slash = header.firstIndex(of: "/") {
            let prefix = header[..<slash].trimmingCharacters(in: .whitespaces)
            let name = String(header[header.index(after: slash)...])
            if let spec = prefixes[prefix] {
                if let c = spec.names[Self.key(name)] { return c }
                return spec.useSynonyms ? byKey[Self.key(name)] : nil
            }
            if Self.isObjectTypeID(prefix) { return nil }
        }
        return byKey[Self.key(header)]
    }

    /// Reads a yes/no value (`true`, `ja`, `oui`, `1`, `no`, `nee`, …); `nil` when it says neither.
    public func bool(_ text: String) -> Bool? {
        let k = Self.key(text)
        if k.isEmpty { return nil }
        if yesWords.contains(k) { return true }
        if noWords.contains(k) { return false }
        return nil
    }

    /// A JSON value read as yes/no: booleans, `1`/`0`, and the yes/no words.
    func bool(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let b): return b
        case .int(let i): return i == 1 ? true : (i == 0 ? false : nil)
        case .string(let s): return bool(s)
        default: return nil
        }
    }

    /// `0-2`-style HubSpot object type ids.
    private static func isObjectTypeID(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitChar) }
    }

    /// The matching key of a name: lower-case letters and digits only, diacritics removed.
    static func key(_ name: String) -> String {
        var ascii = true
        for u in name.utf8 where u >= 0x80 { ascii = false; break }
        if ascii {
            let count = name.utf8.count
            return String(unsafeUninitializedCapacity: count) { out in
                var n = 0
                for u in name.utf8 {
                    switch u {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                        out[n] = u
                        n += 1
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                        out[n] = u + 32
                        n += 1
                    default: break
                    }
                }
                return n
            }
        }
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        for ch in folded where ch.isLetter || ch.isNumber {
            out.append(ch)
        }
        return out.lowercased()
    }
}

extension Character {
    fileprivate var isASCIIDigitChar: Bool { isASCII && isNumber }
}

/// Key names of chat exports (`rules/intake/headers.yaml`, `chat:`), as matching keys.
struct ChatKeys: Sendable {
    var conversations: [String]
    var id: [String]
    var createdAt: [String]
    var visitor: [String]
    var messages: [String]
    var consent: [String]
    var messageRole: [String]
    var messageAuthor: [String]
    var messageAt: [String]
    var messageText: [String]
    /// Provider role name (matching key) → `visitor` / `bot` / `agent`.
    var roles: [String: String]

    init(_ t: HeaderTable.Chat?) {
        func keys(_ list: [String]?, _ fallback: [String]) -> [String] { (list ?? fallback).map(HeaderSynonyms.key) }
        conversations = keys(t?.conversations, ["conversations"])
        id = keys(t?.id, ["id"])
        createdAt = keys(t?.createdAt, ["created_at"])
        visitor = keys(t?.visitor, ["visitor"])
        messages = keys(t?.messages, ["messages"])
        consent = keys(t?.consent, ["gdpr_consent"])
        messageRole = keys(t?.messageRole, ["role"])
        messageAuthor = keys(t?.messageAuthor, ["author"])
        messageAt = keys(t?.messageAt, ["at"])
        messageText = keys(t?.messageText, ["text"])
        var roles: [String: String] = [:]
        for (role, names) in t?.roles ?? ["visitor": ["visitor"], "bot": ["bot"], "agent": ["agent"]] {
            for n in names + [role] { roles[HeaderSynonyms.key(n)] = role }
        }
        self.roles = roles
    }
}

/// Key names of form-submission NDJSON (`rules/intake/headers.yaml`, `form:`), as matching keys.
struct FormKeys: Sendable {
    var id: [String]
    var fields: [String]
    var fieldName: [String]
    var fieldValue: [String]
    var submittedAt: [String]
    var consent: [String]
    var consentFlag: [String]

    init(_ t: HeaderTable.Form?) {
        func keys(_ list: [String]?, _ fallback: [String]) -> [String] { (list ?? fallback).map(HeaderSynonyms.key) }
        id = keys(t?.id, ["conversionId"])
        fields = keys(t?.fields, ["fields"])
        fieldName = keys(t?.fieldName, ["name"])
        fieldValue = keys(t?.fieldValue, ["value"])
        submittedAt = keys(t?.submittedAt, ["submittedAt"])
        consent = keys(t?.consent, ["consent"])
        consentFlag = keys(t?.consentFlag, ["consentToProcess"])
    }
}

/// The shape of `rules/intake/headers.yaml`.
struct HeaderTable: Decodable {
    struct Prefix: Decodable {
        var synonyms: Bool?
        var names: [String: String]?
    }
    struct Chat: Decodable {
        var conversations, id, createdAt, visitor, messages, consent: [String]?
        var messageRole, messageAuthor, messageAt, messageText: [String]?
        var roles: [String: [String]]?
        enum CodingKeys: String, CodingKey {
            case conversations, id, visitor, messages, consent, roles
            case createdAt = "created_at"
            case messageRole = "message_role"
            case messageAuthor = "message_author"
            case messageAt = "message_at"
            case messageText = "message_text"
        }
    }
    struct Form: Decodable {
        var id, fields, fieldName, fieldValue, submittedAt, consent, consentFlag: [String]?
        enum CodingKeys: String, CodingKey {
            case id, fields, consent
            case fieldName = "field_name"
            case fieldValue = "field_value"
            case submittedAt = "submitted_at"
            case consentFlag = "consent_flag"
        }
    }
    struct Booleans: Decodable {
        var yesWords: [String]?
        var noWords: [String]?
        enum CodingKeys: String, CodingKey {
            case yesWords = "yes_words"
            case noWords = "no_words"
        }
    }
    var fields: [String: [String]]
    var objectPrefixes: [String: Prefix]?
    var chat: Chat?
    var form: Form?
    var booleans: Booleans?
    enum CodingKeys: String, CodingKey {
        case fields, chat, form, booleans
        case objectPrefixes = "object_prefixes"
    }
}
