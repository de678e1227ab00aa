public import LeadCore

/// Identifies one input record: the file as given and its 1-based record number.
public struct SourceRef: Sendable, Codable, Equatable {
    public var source: SourceKind
    public var file: String
    public var record: Int
    public var line: Int
    public var sourceID: String?
}

/// One input record after cleaning: the unit that is spooled, deduped and merged into a person.
///
/// Codable so that the run can spool records to disk and keep only the dedupe index in memory.
struct CleanRecord: Sendable, Codable {
    var ref: SourceRef
    var truncated: Bool

    var emailText: String?
    var email: String?
    var emailKey: String?
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
    var domain: String?
    var domainSource: String?
    var timestamp: String?
    /// What the person said in their own words (chat visitor messages, a form's message field), in
    /// order: the only evidence BANT is read from.
    var statements: [String]
    /// Unknown input fields, in input order.
    var extra: [Pair]

    struct Flags: Sendable, Codable, Equatable {
        var valid: Bool
        var freemail: Bool
        var disposable: Bool
        var role: Bool
        var invalidReason: String?
    }

    struct Pair: Sendable, Codable, Equatable {
        var name: String
        var value: String
    }
}
