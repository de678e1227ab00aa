public import LeadCore

/// One input record, before cleaning.
///
/// Field values are raw strings as found: not trimmed, not cleaned. Empty values (an empty CSV
/// cell, a JSON `null`, an empty string) are left out of ``fields`` and ``extra``: they carry no
/// information, and the record's ``raw`` text still shows them.
public struct RawRecord: Sendable {
    /// The kind of source the record came from.
    public var source: SourceKind
    /// The path as given on the command line (`"-"` for stdin).
    public var file: String
    /// 1-based record number: CSV logical data record (header and blank lines excluded);
    /// chatbot JSON document: index in `conversations`; NDJSON: physical line.
    public var record: Int
    /// 1-based physical line where the record starts.
    public var line: Int
    /// Mailchimp `LEID` / Brevo `CONTACT ID`; chat conversation `id`; form `conversionId`.
    public var sourceID: String?
    /// Values by canonical field name (see ``HeaderSynonyms/canonicalFields``); only non-empty values.
    public var fields: [String: String]
    /// Unknown fields with their original names, in input order (nothing is dropped).
    ///
    /// Non-string JSON values are kept as compact JSON text. Columns beyond the CSV header are named
    /// `_col<N>` (1-based column). Reader notes use reserved names: `encoding_warning`, `parse_warning`.
    public var extra: [(name: String, value: String)]
    /// Consent to process: form `consent.consentToProcess`, chat `visitor.gdpr_consent`;
    /// newsletter: always `true` (a sign-up is an opt-in; a consent column is kept in `extra`). `nil` = not stated.
    public var consent: Bool?
    /// ISO-8601 UTC time of the record (chat `created_at`; form `submittedAt`; CSV sign-up date if parseable).
    public var timestamp: String?
    /// The chat transcript in order (chatbot only), light HTML stripped.
    public var transcript: [ChatMessage]
    /// `true` for a cut-off record: the last CSV record when the file ends inside a quoted field or
    /// mid-record without a final line break. Such a record is still a record with what was read.
    public var truncated: Bool
    /// For a truncated record: the cut-off field (original header name and the partial text).
    /// It is *not* in ``fields``: a half value (`"No"` of `"Noah"`) must not pass for a real one.
    public var partialField: (name: String, value: String)?
    /// The raw text of the record, capped at about 4 KB (for rejects and explanations).
    public var raw: String

    /// Creates a record; readers fill the rest.
    public init(source: SourceKind, file: String, record: Int, line: Int, sourceID: String? = nil,
                fields: [String: String] = [:], extra: [(name: String, value: String)] = [],
                consent: Bool? = nil, timestamp: String? = nil, transcript: [ChatMessage] = [],
                truncated: Bool = false, partialField: (name: String, value: String)? = nil, raw: String = "") {
        self.source = source
        self.file = file
        self.record = record
        self.line = line
        self.sourceID = sourceID
        self.fields = fields
        self.extra = extra
        self.consent = consent
        self.timestamp = timestamp
        self.transcript = transcript
        self.truncated = truncated
        self.partialField = partialField
        self.raw = raw
    }

    /// The first value of an unknown field by its original name (exact match).
    public func extraValue(_ name: String) -> String? {
        extra.first { $0.name == name }?.value
    }

    /// The tags of the record as a list: understands Mailchimp's quoted list (`"A","B"`),
    /// a JSON array (`["A","B"]`, as chat tags are kept) and plain comma/semicolon lists.
    public var tagList: [String] { TagList.parse(fields["tags"] ?? "") }
}

/// One message of a chat transcript.
public struct ChatMessage: Sendable, Equatable {
    /// `bot`, `visitor` or `agent` (provider role names are mapped by `rules/intake/headers.yaml`;
    /// an unknown role is kept as found, lower-cased).
    public var role: String
    /// The author's display name, if given.
    public var author: String?
    /// When the message was sent (as found; ISO-8601 in the usual exports).
    public var at: String?
    /// The message text with light HTML (`<p>`, `<br>`, inline tags, common entities) removed.
    public var text: String

    /// Creates a message.
    public init(role: String, author: String? = nil, at: String? = nil, text: String) {
        self.role = role
        self.author = author
        self.at = at
        self.text = text
    }

    /// `true` for the lead's own messages (the only ones that carry BANT signals).
    public var isVisitor: Bool { role == "visitor" }
}
