import Foundation
import LeadCore
import LeadPipeline
import LeadTestSupport
import Logging
import Testing

/// End-to-end runs of `leadsmith run` on small fixtures: accounting, dedupe and merge, research
/// fallbacks, rejects, determinism and exit codes.
struct RunJobTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    struct Output {
        var leads: [[String: Any]]
        var rejects: [[String: Any]]
        var leadBytes: String
        var report: RunReport
    }

    func run(all: Bool = true, inputs: [String]? = nil, companiesInMemory: Int? = nil) async throws -> Output {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let leads = dir.appendingPathComponent("leads.ndjson").path
        let rejects = dir.appendingPathComponent("rejects.ndjson").path
        var options = RunOptions(
            inputs: inputs ?? [Self.fixtures.path + "/leads/signups.csv", Self.fixtures.path + "/leads/forms.ndjson"],
            sitesDirectory: Self.fixtures.path + "/sites", rules: TestSupport.rules,
            outPath: leads, all: all, rejectsPath: rejects)
        if let companiesInMemory { options.companiesInMemory = companiesInMemory }
        let report = try await RunJob(options: options, logger: Logger(label: "test")).run()
        let text = try String(contentsOfFile: leads, encoding: .utf8)
        let invalid = TestSupport.schemaErrors(leads: text, rejects: try String(contentsOfFile: rejects, encoding: .utf8))
        #expect(invalid.isEmpty, "schemas/: \(invalid.prefix(5))")
        return Output(leads: try TestSupport.ndjsonObjects(text),
                      rejects: try TestSupport.ndjsonObjects(try String(contentsOfFile: rejects, encoding: .utf8)),
                      leadBytes: text, report: report)
    }

    func lead(_ out: Output, email: String) -> [String: Any]? {
        out.leads.first { (($0["person"] as? [String: Any])?["email"] as? String) == email }
    }

    @Test func everyRecordIsAccountedFor() async throws {
        let out = try await run()
        #expect(out.report.recordsIn == 11)
        #expect(out.report.leads == 7)
        #expect(out.report.rejects == 2)
        #expect(out.report.merged == 2)
        #expect(out.report.balanced)
        #expect(out.leads.count == 7)
        let sourceCount = out.leads.map { ($0["sources"] as? [Any])?.count ?? 0 }.reduce(0, +)
        #expect(sourceCount + out.rejects.count == out.report.recordsIn)
    }

    @Test func duplicatesMergeAcrossFilesAndConsentFalseWins() async throws {
        let out = try await run()
        let jan = try #require(lead(out, email: "jan.devries@acme-tools.nl"))
        let sources = try #require(jan["sources"] as? [[String: Any]])
        #expect(sources.map { $0["record"] as? Int } == [1, 3, 1])
        #expect(sources.map { ($0["file"] as? String)?.hasSuffix("forms.ndjson") } == [false, false, true])
        let person = try #require(jan["person"] as? [String: Any])
        #expect(person["consent"] as? Bool == false)
        #expect(person["first_name"] as? String == "Jan")
        #expect(person["last_name"] as? String == "de Vries")
        #expect(person["function"] as? String == "sales")
        #expect(person["seniority"] as? String == "head")
        #expect(person["phone"] as? String == "+31301234567")
    }

    @Test func companyFactsComeFromTheSiteWithRedirectsFollowed() async throws {
        let out = try await run()
        let piet = try #require(lead(out, email: "piet@acme-old.nl"))
        let company = try #require(piet["company"] as? [String: Any])
        #expect(company["domain"] as? String == "acme-tools.nl")
        #expect(company["redirected_from"] as? [String] == ["acme-old.nl"])
        #expect(company["name"] as? String == "Acme Tools")
        #expect(company["size_bucket"] as? String == "51-200")
        #expect(company["founded"] as? Int == 1998)
        #expect(company["country"] as? String == "NL")
        #expect(company["site_status"] as? String == "ok")
        #expect((piet["person"] as? [String: Any])?["seniority"] as? String == "owner")
        let provenance = try #require(piet["provenance"] as? [String: Any])
        #expect((provenance["company.employees"] as? [String: Any])?["method"] as? String == "json-ld")
    }

    @Test func aMissingTitleComesFromTheTeamPage() async throws {
        let out = try await run()
        let anna = try #require(lead(out, email: "anna.deboer@acme-tools.nl"))
        let person = try #require(anna["person"] as? [String: Any])
        #expect(person["title"] as? String == "Marketing Manager")
        #expect(person["title_source"] as? String == "team_page")
        #expect(person["function"] as? String == "marketing")
        #expect(person["seniority"] as? String == "manager")
        let provenance = try #require(anna["provenance"] as? [String: Any])
        #expect(((provenance["person.title"] as? [String: Any])?["url"] as? String)?.hasSuffix("/team") == true)
    }

    @Test func withoutASiteTheRecordSuppliesCompanyFallbacks() async throws {
        let out = try await run()
        let x = try #require(lead(out, email: "x@nowhere-site.fr"))
        let company = try #require(x["company"] as? [String: Any])
        #expect(company["site_status"] as? String == "missing")
        #expect(company["name"] as? String == "Nowhere")
        #expect(company["country"] as? String == "FR")
        #expect(company["size_bucket"] as? String == "1001-5000")
        let provenance = try #require(x["provenance"] as? [String: Any])
        #expect((provenance["company.name"] as? [String: Any])?["method"] as? String == "input")
    }

    @Test func freemailWithASocialWebsiteHasNoCompanyDomain() async throws {
        let out = try await run()
        let someone = try #require(lead(out, email: "someone@gmail.com"))
        let company = try #require(someone["company"] as? [String: Any])
        #expect(company["domain"] is NSNull)
        #expect(company["name"] is NSNull, "`n/a` is not a company name")
        let flags = try #require((someone["person"] as? [String: Any])?["email_flags"] as? [String: Any])
        #expect(flags["freemail"] as? Bool == true)
    }

    @Test func invalidEmailRedirectLoopAndTruncatedRecord() async throws {
        let out = try await run()
        let noMail = try #require(lead(out, email: "not-an-email"))
        let flags = try #require((noMail["person"] as? [String: Any])?["email_flags"] as? [String: Any])
        #expect(flags["valid"] as? Bool == false)
        #expect(flags["invalid_reason"] as? String == "syntax")
        #expect((noMail["company"] as? [String: Any])?["site_status"] as? String == "redirect_loop")
        #expect(noMail["status"] as? String == "disqualified")

        let cut = try #require(lead(out, email: "cut@acme-tools.nl"))
        #expect(cut["record_status"] as? String == "truncated")
        #expect(cut["status"] as? String == "disqualified")
    }

    @Test func rejectsNameFileRecordAndReason() async throws {
        let out = try await run()
        #expect(out.rejects.map { $0["reason_code"] as? String } == ["not_json", "blank_line"])
        #expect(out.rejects.map { $0["record"] as? Int } == [2, 3])
        #expect(out.rejects.allSatisfy { $0["schema"] as? String == "leadsmith/reject@1" })
        #expect(out.rejects.allSatisfy { ($0["file"] as? String)?.hasSuffix("forms.ndjson") == true })
    }

    @Test func sameInputGivesByteIdenticalOutput() async throws {
        let a = try await run()
        let b = try await run()
        #expect(a.leadBytes == b.leadBytes)
        #expect(!a.leadBytes.isEmpty)
    }

    @Test func companiesReadBackFromTheTemporaryFileGiveTheSameOutput() async throws {
        let held = try await run()
        let spilled = try await run(companiesInMemory: 0)
        let mixed = try await run(companiesInMemory: 1)
        #expect(held.report.companiesSpilled == 0)
        #expect(held.report.domainsResearched > 1)
        #expect(spilled.report.companiesSpilled == held.report.domainsResearched)
        #expect(mixed.report.companiesSpilled == held.report.domainsResearched - 1)
        #expect(spilled.leadBytes == held.leadBytes)
        #expect(mixed.leadBytes == held.leadBytes)
        #expect(spilled.report.siteStatuses == held.report.siteStatuses)
    }

    @Test func withoutAllOnlyQualifiedLeadsAreWritten() async throws {
        let out = try await run(all: false)
        #expect(out.leads.allSatisfy { $0["status"] as? String == "qualified" })
        #expect(out.report.written == out.leads.count)
        #expect(out.report.leads == 7)
    }

    @Test func outputThroughASymlinkKeepsTheLinkAndWritesItsTarget() async throws {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("target.ndjson").path
        let link = dir.appendingPathComponent("link.ndjson").path
        FileManager.default.createFile(atPath: target, contents: Data("old\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let options = RunOptions(
            inputs: [Self.fixtures.path + "/leads/forms.ndjson"], sitesDirectory: Self.fixtures.path + "/sites",
            rules: TestSupport.rules, outPath: link, all: true)
        _ = try await RunJob(options: options, logger: Logger(label: "test")).run()
        let attributes = try FileManager.default.attributesOfItem(atPath: link)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink, "the output path must not be replaced")
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.split(separator: "\n").count == 2)
        #expect(!written.hasPrefix("old"))
    }

    @Test(arguments: ["missing.csv", ""])
    func missingOrDirectoryInputIsExit66(_ name: String) async throws {
        let path = name.isEmpty ? Self.fixtures.path : Self.fixtures.path + "/" + name
        await #expect(throws: LeadsmithError.self) {
            _ = try await run(inputs: [path])
        }
        do {
            _ = try await run(inputs: [path])
        } catch let error as LeadsmithError {
            #expect(error.exitCode == 66)
            #expect(error.description.contains(path))
        }
    }

    @Test func aFileThatIsNotTextIsOneRejectAndTheRunGoesOn() async throws {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // An .xlsx workbook (a ZIP archive) given where a CSV export was meant.
        let workbook = dir.appendingPathComponent("leads.xlsx").path
        try Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 37) })
            .write(to: URL(fileURLWithPath: workbook))
        let base = try await run()
        let out = try await run(inputs: [workbook, Self.fixtures.path + "/leads/signups.csv", Self.fixtures.path + "/leads/forms.ndjson"])
        #expect(out.report.recordsIn == base.report.recordsIn + 1)
        #expect(out.report.rejects == base.report.rejects + 1)
        #expect(out.report.leads == base.report.leads)
        #expect(out.report.balanced)
        #expect(out.report.rejectReasons["not_text"] == 1)
        #expect(out.leadBytes == base.leadBytes, "the other inputs give the same leads")
        let reject = try #require(out.rejects.first)
        #expect(reject["reason_code"] as? String == "not_text")
        #expect(reject["record"] as? Int == 0)
        #expect(reject["file"] as? String == workbook)
        #expect((reject["reason"] as? String)?.contains("ZIP archive") == true)
    }

    @Test func aForcedSourceThatDoesNotFitIsStillUnusableAsAWhole() async throws {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let options = RunOptions(inputs: [Self.fixtures.path + "/leads/signups.csv"], source: .chatbot,
                                 rules: TestSupport.rules, outPath: dir.appendingPathComponent("o.ndjson").path)
        let error = try await #require(throws: LeadsmithError.self) {
            try await RunJob(options: options, logger: Logger(label: "test")).run()
        }
        #expect(error.exitCode == 65)
    }
}
