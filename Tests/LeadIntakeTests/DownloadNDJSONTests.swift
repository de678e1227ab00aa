import Foundation
import LeadCore
import Testing
@testable import LeadIntake

/// Form-submission NDJSON: records by physical line, junk lines as rejects with the truth's codes.
struct DownloadNDJSONTests {
    @Test func junkLinesAreRejectsWithReasonCodesAndLineNumbers() throws {
        let items = try Support.readAll(Support.fixture("forms.ndjson"))
        #expect(items.records.map(\.record) == [1, 3, 9])
        let rejects = items.rejects
        #expect(rejects.map(\.line) == [2, 4, 5, 6, 7, 8])
        #expect(rejects.map(\.reasonCode) == ["not_json", "not_an_object", "blank_line", "not_json", "truncated_json", "not_an_object"])
        #expect(rejects.allSatisfy { $0.source == .download && $0.record == $0.line })
        #expect(rejects[0].raw.hasPrefix("2024-10-15T21:25:00Z WARN"))
        #expect(!rejects[0].reason.isEmpty)
        #expect(rejects[0].json.serialized.hasPrefix(
            "{\"schema\":\"leadsmith/reject@1\",\"stage\":\"intake\",\"reason_code\":\"not_json\",\"reason\":"))
        #expect(rejects[0].json.serialized.contains("\"source\":\"download\",\"file\":"))
        #expect(rejects[0].json.serialized.contains("\"record\":2,\"line\":2,\"raw\":\"2024-10-15T21:25:00Z WARN"))
    }

    @Test func submissionFieldsTimestampConsentAndExtras() throws {
        let records = try Support.readAll(Support.fixture("forms.ndjson")).records
        let first = records[0]
        #expect(first.source == .download)
        #expect(first.sourceID == "conv-1")
        #expect(first.fields["email"] == "SJOERD@GREENSPACES.NL")
        #expect(first.fields["first_name"] == "Sjoerd")
        #expect(first.fields["job_title"] == "Sr. Marketing Specialist")
        #expect(first.fields["self_reported_size"] == "1-5")
        #expect(first.fields["form_name"] == "E-book")
        #expect(first.fields["page_url"] == "https://example.org/ebook?utm_source=x")
        #expect(first.timestamp == "2024-11-28T00:42:14Z", "submittedAt epoch ms → ISO-8601 UTC")
        #expect(first.consent == true)
        #expect(first.extra.map(\.name) == ["portalId", "formId", "pageName", "hs_persona", "consent.text", "context"])
        #expect(first.extraValue("context") == "{\"hutk\":\"abc\"}")
        #expect(records[2].consent == false)
        #expect(records[2].fields["phone"] == "+49 30 1234567")
    }

    @Test func hubSpotObjectPrefixesAndMissingConsent() throws {
        let record = try Support.readAll(Support.fixture("forms.ndjson")).records[1]
        #expect(record.fields["email"] == "eva@delta.pl")
        #expect(record.fields["first_name"] == "Ewa")
        #expect(record.fields["company"] == "Delta Sp. z o.o.", "0-2/name is the company name")
        #expect(record.fields["self_reported_size"] == "50-100")
        #expect(record.fields["website"] == "delta.pl")
        #expect(record.fields["full_name"] == nil)
        #expect(record.extraValue("0-5/ticket") == "T-9", "unknown object types are kept")
        #expect(record.consent == nil, "missing consent is unknown, not false")
    }

    @Test(arguments: [
        ("{\"a\": 1", "truncated_json"),
        ("{\"fields\": [{\"name\": \"email\", \"value\": \"x@", "truncated_json"),
        ("[1, 2", "truncated_json"),
        ("{\"a\": 1} trailing", "not_json"),
        ("{'a': 1}", "not_json"),
        ("<!DOCTYPE html>", "not_json"),
        ("   ", "blank_line"),
        ("\"just a string\"", "not_an_object"),
        ("42", "not_an_object"),
        ("true", "not_an_object"),
    ])
    func lineClassification(line: String, code: String) throws {
        let items = try Support.read("{\"fields\": []}\n" + line + "\n", source: .download)
        #expect(items.rejects.map(\.reasonCode) == [code])
        #expect(items.rejects.first?.line == 2)
    }

    @Test func crlfLinesAndBOMAreAccepted() throws {
        let bytes: [UInt8] = TextDecoding.bom + Array("{\"conversionId\":\"a\",\"fields\":[]}\r\n{\"conversionId\":\"b\",\"fields\":[]}\r\n".utf8)
        let records = try Support.read(bytes: bytes).records
        #expect(records.map(\.sourceID) == ["a", "b"])
    }

    @Test func flatObjectsWithoutAFieldsArrayStillMapKnownNames() throws {
        let records = try Support.read("{\"id\": 7, \"email\": \"a@b.nl\", \"company\": \"B\", \"consent\": true}\n", source: .download).records
        let r = try #require(records.first)
        #expect(r.sourceID == "7")
        #expect(r.fields == ["email": "a@b.nl", "company": "B"])
        #expect(r.consent == true)
    }

    @Test func fieldsAsAnObjectOfNameValuePairs() throws {
        let line = "{\"submission_id\": \"s-1\", \"submitted_at\": \"2024-05-02T09:30:00Z\", \"data\": {\"Email\": \"a@b.nl\", \"Company\": \"B\", \"Budget\": \"10k\"}}\n"
        let r = try #require(try Support.read(line, source: .download).records.first)
        #expect(r.sourceID == "s-1")
        #expect(r.timestamp == "2024-05-02T09:30:00Z")
        #expect(r.fields == ["email": "a@b.nl", "company": "B"])
        #expect(r.extraValue("Budget") == "10k")
    }
}
