import Foundation
import LeadCore
import Testing
@testable import LeadQualify

/// Inputs the ICP fuzz harness (`scripts/fuzz.sh icp`) crashed on: each must now be a rule problem
/// with a position, never a crash.
struct ICPFuzzRegressionTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("fuzz")

    /// Every saved crashing input loads to a `bad_rules` error (or rules), without trapping.
    @Test func savedCrashingInputsLoadWithoutTrapping() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).sorted()
        #expect(!names.isEmpty)
        for name in names {
            let text = String(decoding: try Data(contentsOf: Self.fixtures.appendingPathComponent(name)), as: UTF8.self)
            #expect(throws: LeadsmithError.self, "\(name)") { try ICPRules.parse(yaml: text) }
        }
    }

    @Test(arguments: [
        // A table value beyond Int's range (the fuzz find: formatting it for the message trapped).
        ("fit:\n  - id: c\n    field: company.country\n    weight: 100\n    table: {NL: 1e40}\n", "not 1e+40"),
        ("fit:\n  - id: c\n    field: company.country\n    weight: 100\n    table: {NL: 100}\nbant:\n  timeline:\n    horizon_days: 1e30\n", "horizon_days"),
        ("fit:\n  - id: c\n    field: company.country\n    weight: 100\n    table: {NL: 100}\nbant:\n  need:\n    min_team_size: -5\n", "min_team_size"),
        ("fit:\n  - id: c\n    field: company.country\n    weight: .inf\n    table: {NL: 100}\n", "finite"),
    ])
    func hugeAndNonFiniteNumbersAreRuleProblems(yaml: String, mentions: String) throws {
        let error = try #require(throws: LeadsmithError.self) { try ICPRules.parse(yaml: yaml) }
        #expect(error.code == .badRules)
        #expect(error.message.contains(mentions), "\(error.message)")
        #expect(error.line != nil)
    }
}
