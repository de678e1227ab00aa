import Foundation
import LeadCore
import Testing
@testable import LeadIntake

/// Chatbot exports: a document with `conversations`, a bare array, NDJSON, and a cut-off document.
struct ChatbotJSONTests {
    @Test func exportDocumentRecordsAreConversationIndexes() throws {
        let items = try Support.readAll(Support.fixture("chat_export.json"))
        #expect(items.records.map(\.record) == [1, 2])
        let reject = try #require(items.rejects.first)
        #expect(items.rejects.count == 1)
        #expect(reject.record == 3)
        #expect(reject.reasonCode == "not_an_object")
        #expect(reject.source == .chatbot)
        // Records carry the line where the conversation starts in the pretty-printed document.
        #expect(items.records[0].line == 9)
        #expect(items.records[1].line > items.records[0].line)
    }

    @Test func visitorAttributesConsentAndConversationFields() throws {
        let jane = try Support.readAll(Support.fixture("chat_export.json")).records[0]
        #expect(jane.source == .chatbot)
        #expect(jane.sourceID == "conv_1")
        #expect(jane.timestamp == "2024-01-06T08:03:42Z")
        #expect(jane.consent == true)
        #expect(jane.fields["full_name"] == "Jane Doe")
        #expect(jane.fields["email"] == "jane@acme.nl")
        #expect(jane.fields["company"] == "Acme")
        #expect(jane.fields["job_title"] == "Head of Sales")
        #expect(jane.fields["website"] == "acme.nl")
        #expect(jane.fields["country"] == "Nederland")
        #expect(jane.fields["language"] == "nl")
        #expect(jane.fields["channel"] == "web_widget")
        #expect(jane.fields["page_url"] == "https://www.example.org/pricing")
        #expect(jane.fields["phone"] == nil, "null visitor values are absent")
        #expect(jane.tagList == ["demo", "pricing"])
        #expect(jane.extra.map(\.name) == ["updated_at", "visitor.id", "rating", "status"])
    }

    @Test func transcriptKeepsRolesAndStripsLightHTML() throws {
        let jane = try Support.readAll(Support.fixture("chat_export.json")).records[0]
        #expect(jane.transcript.map(\.role) == ["bot", "visitor", "agent"])
        #expect(jane.transcript[1].text == "We have about 40 sales reps.\nBudget is around 20k per year.")
        #expect(jane.transcript[1].isVisitor)
        #expect(jane.transcript[1].author == nil)
        #expect(jane.transcript[2].text == "Thanks & talk soon!\nTom")
        #expect(jane.transcript[2].author == "Tom")
        #expect(jane.transcript[0].at == "2024-01-06T08:03:56Z")
    }

    @Test func nullConsentIsUnknown() throws {
        let second = try Support.readAll(Support.fixture("chat_export.json")).records[1]
        #expect(second.consent == nil)
        #expect(second.fields["email"] == nil)
        #expect(second.transcript.first?.text.contains("max@beta.de") == true, "e-mails in the transcript are kept for cleaning")
    }

    @Test func bareArrayIsTheConversationList() throws {
        let items = try Support.readAll(Support.fixture("chat_array.json"))
        #expect(items.records.map(\.record) == [1, 2])
        #expect(items.records.map(\.sourceID) == ["conv_1", "conv_2"])
        #expect(items.rejects.isEmpty)
    }

    @Test func ndjsonOfConversationsNumbersByLine() throws {
        let items = try Support.readAll(Support.fixture("chat_lines.ndjson"))
        #expect(items.records.map(\.record) == [1, 3])
        #expect(items.records.map(\.sourceID) == ["conv_1", "conv_2"])
        #expect(items.rejects.map(\.line) == [2, 4])
        #expect(items.rejects.map(\.reasonCode) == ["blank_line", "not_json"])
    }

    @Test func cutOffExportKeepsCompleteConversationsAndRejectsTheCutOne() throws {
        let items = try Support.readAll(Support.fixture("chat_truncated.json"))
        #expect(items.records.map(\.record) == [1])
        #expect(items.rejects.map(\.record) == [2])
        #expect(items.rejects.first?.reasonCode == "truncated_json")
    }

    @Test func singleConversationObjectIsOneRecord() throws {
        let items = try Support.read("{\"id\": \"c1\", \"visitor\": {\"email\": \"a@b.nl\"}, \"messages\": []}", source: .chatbot)
        #expect(items.records.map(\.sourceID) == ["c1"])
    }

    @Test func otherProviderKeyNamesFromTheRules() throws {
        let json = """
        {"data": [{"conversation_id": 17, "createdAt": "2024-03-01T10:00:00Z",
          "contact": {"full_name": "Li Wei", "e-mail": "li@x.cn", "consent": "yes"},
          "transcript": [{"sender": "user", "body": "Hello"}, {"sender": "assistant", "body": "Hi"}]}]}
        """
        let record = try #require(try Support.read(json).records.first)
        #expect(record.sourceID == "17")
        #expect(record.timestamp == "2024-03-01T10:00:00Z")
        #expect(record.fields["full_name"] == "Li Wei")
        #expect(record.fields["email"] == "li@x.cn")
        #expect(record.consent == true)
        #expect(record.transcript.map(\.role) == ["visitor", "bot"])
        #expect(record.transcript.map(\.text) == ["Hello", "Hi"])
    }

    @Test func authorObjectsAndEpochTimes() throws {
        let json = """
        [{"id": "c9", "created_at": 1704528222, "visitor": {"email": "a@b.nl"},
          "conversation_parts": [{"author": {"type": "lead", "name": "Ann"}, "body": "<p>Hi</p>", "created_at": 1704528236},
                                 {"author": {"type": "admin", "name": "Tom"}, "body": "Hello"}]}]
        """
        let r = try #require(try Support.read(json).records.first)
        #expect(r.timestamp == "2024-01-06T08:03:42Z")
        #expect(r.transcript.map(\.role) == ["visitor", "agent"])
        #expect(r.transcript.map(\.author) == ["Ann", "Tom"])
        #expect(r.transcript.first?.at == "2024-01-06T08:03:56Z")
        #expect(r.transcript.first?.text == "Hi")
    }

    @Test func ndjsonWithAJunkFirstLineIsStillAChatExport() throws {
        let text = "exported by SiteChat v2\n{\"id\": \"a\", \"visitor\": {\"email\": \"a@b.nl\"}, \"messages\": []}\n{\"id\": \"b\", \"visitor\": {}, \"messages\": [\n"
        let items = try Support.read(text)
        #expect(items.records.map(\.record) == [2])
        #expect(items.rejects.map(\.line) == [1, 3])
        #expect(items.rejects.map(\.reasonCode) == ["not_json", "truncated_json"])
    }
}
