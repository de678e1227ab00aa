import Foundation
public import LeadCore

/// `leadsmith rules check`: validates the rule files this module owns and reports every problem.
public enum RulesCheck {
    /// Validates `icp.yaml`, every `examples/*.yaml` ICP file and the BANT cue files (`bant/*.yaml`):
    /// YAML syntax, unknown sections and keys, unknown field paths, bad regular expressions, values outside
    /// the field's vocabulary (size buckets, seniorities, functions, industries …), weights or points that
    /// cannot add up to 100.
    ///
    /// - Parameter rules: the rules folder.
    /// - Returns: problems as `bad_rules` errors with file, line and column (their `description` is
    ///   `file:line:column: message`), sorted by file and position; empty when everything is valid.
    public static func check(_ rules: RuleFiles) -> [LeadsmithError] {
        var problems: [LeadsmithError] = []
        for file in icpFiles(rules) {
            var src = YAMLSource(rules: rules, relativePath: file)
            _ = ICPParser.parse(&src)
            problems += src.problems
        }
        _ = BANTCues.read(rules, problems: &problems)
        return problems.sorted { a, b in
            (a.file ?? "", a.line ?? 0, a.column ?? 0, a.message) < (b.file ?? "", b.line ?? 0, b.column ?? 0, b.message)
        }
    }

    /// `icp.yaml` (always: missing is a problem) and the YAML files of `examples/`.
    static func icpFiles(_ rules: RuleFiles) -> [String] {
        let examples = (try? FileManager.default.contentsOfDirectory(atPath: rules.url("examples").path)) ?? []
        return ["icp.yaml"] + examples.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "examples/" + $0 }
    }
}
