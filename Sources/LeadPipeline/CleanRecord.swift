public import LeadCore

/// Identifies one input record: the file as given and its 1-based record number.
public struct SourceRef: Sendable, Codable, Equatable {
    /// The kind of source.
    public var source: SourceKind
    /// The path as given.
    public var file: String
    /// 1-based record number in the file.
    public var record: Int
    /// 1-based physical line where the record starts.
    public var line: Int
    /// The source system's own id of the record, if any.
    public var sourceID: String?
}

/// One input record after cleaning: the unit that is spooled, deduped and merged into a person.
///
/// The run spools records to disk in ``SpoolCodec``'s binary form and keeps only the dedupe index in
/// memory; a new field must be added there too (its round-trip test lists every field). Made by ``LeadStages/clean(_:)``; the fields the queue needs for dedupe are public.
public struct CleanRecord: Sendable, Equatable {
    /// Where the record came from.
    public var ref: SourceRef
    /// A cut-off record (see `RawRecord.truncated`).
    public var truncated: Bool

    var emailText: String?
    var email: String?
    /// The dedupe key: records with the same key are one person (`nil`: a person of its own).
    public var emailKey: String?
    var emailSource: String?
    var flags: Flags

    var firstName: String?
    var lastName: String?
    var title: String?
    var titleSource: String?
    var function: JobFunction?
    var seniority: Seniority?
    /// The phone as typed; normalised to E.164 at write time, when the company's country is known.
    var phoneRaw: String?
    var consent: Bool?

    var company: String?
    var website: String?
    var country: String?
    var selfReportedSize: String?
    /// The registrable company domain before redirects, and where it came from.
    public var domain: String?
    var domainSource: String?
    var timestamp: String?
    /// What the person said in their own words (chat visitor messages, a form's message field), in
    /// order: the only evidence BANT is read from.
    var statements: [String]
    /// Unknown input fields, in input order.
    var extra: [Pair]
    /// Consent evidence beyond yes/no (statement text, subscriptions, lawful basis, opt-in times), if the record has any.
    var consentDetail: ConsentDetail? = nil

    struct Flags: Sendable, Equatable {
        var valid: Bool
        var freemail: Bool
        var disposable: Bool
        var role: Bool
        var invalidReason: String?
    }

    struct Pair: Sendable, Equatable {
        var name: String
        var value: String
    }
}

/// What a record says about consent beyond yes/no: the statement agreed to, per-subscription
/// choices, a stated lawful basis and opt-in/confirmation times (PRODUCT.md hand-off; written as
/// `person.consent_detail`).
struct ConsentDetail: Sendable, Equatable {
    /// A stated lawful basis (`consent`, `legitimate_interest`, …, as the record gives it), else
    /// `consent` when the person agreed to a stated text or opted in; `nil` otherwise.
    var basis: String?
    /// The consent statement shown to the person.
    var text: String?
    /// Per-subscription choices (form `consent.communications`).
    var communications: [Communication]
    /// When the person opted in (newsletter `OPTIN_TIME`, …), as found.
    var optInAt: String?
    /// When a double opt-in was confirmed (newsletter `CONFIRM_TIME`, …), as found.
    var confirmedAt: String?

    struct Communication: Sendable, Equatable {
        var id: String?
        var granted: Bool?
        var text: String?
    }
}
