public import LeadCore
import LeadIntake
import LeadQualify
import LeadResearch

/// Validates every rule file in a rules folder, of every layer, for `leadsmith rules check`.
public enum RuleSetCheck {
    /// All problems found, each a `bad_rules` error with file (and line/column where known).
    public static func check(_ rules: RuleFiles) -> [LeadsmithError] {
        var problems = RulesCheck.check(rules)
        func attempt(_ load: () throws(LeadsmithError) -> Void) {
            do { try load() } catch { problems.append(error) }
        }
        attempt { () throws(LeadsmithError) in _ = try HeaderSynonyms.load(rules) }
        attempt { () throws(LeadsmithError) in _ = try EmailClassifier(rules: rules) }
        attempt { () throws(LeadsmithError) in _ = try TitleNormalizer(rules: rules) }
        attempt { () throws(LeadsmithError) in _ = try CompanyNameJunk(rules: rules) }
        // The cue-class files first, each on its own; the rest of research's rules only when they load.
        let cueProblems = ResearchRules.cueFileProblems(rules)
        problems += cueProblems
        if cueProblems.isEmpty { attempt { () throws(LeadsmithError) in _ = try ResearchRules(files: rules) } }
        return problems
    }
}
