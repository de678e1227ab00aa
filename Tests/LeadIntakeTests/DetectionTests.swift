import Foundation
import LeadCore
import Testing
@testable import LeadIntake

/// Format detection from content, `--source` overrides, and whole-input errors with exit codes.
struct DetectionTests {
    static func prefix(_ fixture: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: Support.fixture(fixture))).prefix(64 * 1024))
    }

    @Test(arguments: [
        ("mailchimp.csv", SourceKind.newsletter),
        ("excel_nl.csv", .newsletter),
        ("legacy_1252.csv", .newsletter),
        ("forms.ndjson", .download),
        ("chat_export.json", .chatbot),
        ("chat_array.json", .chatbot),
        ("chat_lines.ndjson", .chatbot),
        ("chat_truncated.json", .chatbot),
    ])
    func detectsEachFixture(fixture: String, kind: SourceKind) throws {
        #expect(Intake.detect(prefix: try Self.prefix(fixture)) == kind)
    }

    @Test func ndjsonWhoseFirstLineIsJunkIsStillDownload() {
        let text = "2024-10-15 WARN retry, upstream timeout; giving up\n{\"fields\": [{\"name\": \"email\", \"value\": \"a@b.nl\"}]}\n{\"fields\": []}\n"
        #expect(Intake.detect(prefix: Array(text.utf8)) == .download)
    }

    @Test func contentWinsOverTheExtension() throws {
        let items = try Support.read("Email;Company\na@b.nl;B\n", suffix: ".json")
        #expect(items.records.first?.source == .newsletter)
        let chat = try Support.read("[{\"id\": \"c\", \"visitor\": {}, \"messages\": []}]", suffix: ".csv")
        #expect(chat.records.first?.source == .chatbot)
    }

    @Test func singleColumnCSVWithAKnownHeaderIsNewsletter() throws {
        let records = try Support.read("Email Address\na@b.nl\nc@d.nl\n").records
        #expect(records.map { $0.fields["email"] } == ["a@b.nl", "c@d.nl"])
    }

    @Test func emptyInputHasZeroRecordsAndIsNotAnError() throws {
        #expect(try Support.read("").isEmpty)
        #expect(try Support.read(bytes: TextDecoding.bom).isEmpty)
        #expect(try Support.read("\n  \n").isEmpty)
    }

    @Test func missingFileIsInputMissing() throws {
        let path = "/nonexistent/leads-\(UUID().uuidString).csv"
        let error = try #require(throws: LeadsmithError.self) { try Support.readAll(path) }
        #expect(error.code == .inputMissing)
        #expect(error.exitCode == 66)
        #expect(error.description.contains(path), "the message names the path")
    }

    @Test func directoryIsInputMissing() throws {
        let dir = NSTemporaryDirectory()
        let error = try #require(throws: LeadsmithError.self) { try Support.readAll(dir) }
        #expect(error.code == .inputMissing)
        #expect(error.exitCode == 66)
        #expect(error.message.contains("directory"))
    }

    @Test func forcingChatbotOnACSVIsInputUnusable() throws {
        let error = try #require(throws: LeadsmithError.self) { try Support.readAll(Support.fixture("mailchimp.csv"), source: .chatbot) }
        #expect(error.code == .inputUnusable)
        #expect(error.exitCode == 65)
    }

    @Test(arguments: [
        ("Email;Company\na@b.nl;B\n", SourceKind.download),
        ("{\"fields\": []}\n{\"fields\": []}\n", .chatbot),
        ("{\"id\": 1, \"visitor\": {}}\n", .newsletter),
        ("{\"export\": {\"tool\": \"x\"}, \"items_count\": 3}", .chatbot),
    ])
    func forcedSourceThatDoesNotFitIsInputUnusable(text: String, source: SourceKind) throws {
        let error = try #require(throws: LeadsmithError.self) { try Support.read(text, source: source) }
        #expect(error.code == .inputUnusable)
    }

    @Test func forcedSourceThatFitsOverridesDetection() throws {
        // One JSON-looking line of a CSV would not be CSV by detection; --source newsletter reads it anyway.
        let items = try Support.read("Email|Name\na@b.nl|Ann\n", source: .newsletter)
        #expect(items.records.first?.fields["full_name"] == "Ann")
    }

    @Test func undetectableInputIsInputUnusable() throws {
        let error = try #require(throws: LeadsmithError.self) { try Support.read("hello world\nthis is prose\n") }
        #expect(error.code == .inputUnusable)
        // UTF-16 is text: prose in UTF-16 is as undetectable as in UTF-8 (a file that is not text is a reject instead).
        let utf16 = try #require(throws: LeadsmithError.self) {
            try Support.read(bytes: [0xFF, 0xFE] + "hello world\nthis is prose\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        }
        #expect(utf16.code == .inputUnusable)
    }
}
