import Foundation
import LeadCore

/// The employee-count rules (`rules/employee_phrases.yaml`): cue classes per language (see the file's
/// header) and number words per language.
public struct EmployeePhrases: Sendable, Decodable {
    var spec: CueFileSpec
    /// Language → word → value; a leading `~` marks an approximate form ("quarantaine").
    var numberWords: [String: [String: String]]

    enum CodingKeys: String, CodingKey {
        case numberWords = "number_words"
    }

    public init(from decoder: any Decoder) throws {
        spec = try CueFileSpec(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        numberWords = try c.decodeIfPresent([String: [String: String]].self, forKey: .numberWords) ?? [:]
    }
}
