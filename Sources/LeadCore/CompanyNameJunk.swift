/// Recognises company-field values that name no company (`-`, `n/a`, `Freelance`, `Privé`,
/// `self-employed`, `none`, `particulier` …), from the user-editable list `rules/junk_company_names.txt`.
///
/// Values are compared after folding: case, diacritics, spaces and punctuation are ignored.
public struct CompanyNameJunk: Sendable {
    /// The list file, relative to the rules folder.
    public static let rulesFile = "junk_company_names.txt"

    private let junk: Set<String>

    /// Loads the list.
    ///
    /// - Parameter rules: the rules folder.
    /// - Throws: `bad_rules` naming the file when it is missing or unreadable.
    public init(rules: RuleFiles) throws(LeadsmithError) {
        self.init(entries: try rules.list(Self.rulesFile))
    }

    /// Creates a matcher from in-memory entries (same syntax as the file).
    public init(entries: [String]) {
        junk = Set(entries.map(Self.key).filter { !$0.isEmpty })
    }

    /// Whether `name` names no company: a listed value, or text without any letter or digit.
    public func isJunk(_ name: String) -> Bool {
        let k = Self.key(name)
        return k.isEmpty || junk.contains(k)
    }

    /// The company name to keep: whitespace collapsed, emoji removed; `nil` when absent or junk.
    ///
    /// - Parameter name: the company field as found.
    public func cleaned(_ name: String?) -> String? {
        guard let name, let text = TextCleaning.cleanedText(name), !isJunk(text) else { return nil }
        return text
    }

    /// Folded letters and digits only: `"N.V.T."` → `nvt`, `"Self Employed"` → `selfemployed`.
    static func key(_ text: String) -> String {
        TextCleaning.tokens(text).joined()
    }
}
