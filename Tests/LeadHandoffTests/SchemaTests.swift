import Foundation
import LeadCore
import LeadIntake
import LeadTestSupport
import Testing

/// `schemas/`: the test validator enforces what the schemas say (a wrong line is caught), and the
/// schemas themselves use only keywords the validator knows.
struct SchemaTests {
    static let good = #"{"schema":"leadsmith/lead@1","lead_id":"ls_00000000000000aa","status":"qualified","grade":"A","score":87,"fit":72,"record_status":"ok","person":{"email":"jane@acme.nl","first_name":"Jane","last_name":"Doe","title":"Hoofd Verkoop","function":"sales","seniority":"head","title_source":"record","phone":"+31201234567","consent":true,"email_flags":{"valid":true,"freemail":false,"disposable":false,"role":false,"invalid_reason":null}},"company":{"domain":"acme.nl","redirected_from":[],"name":"Acme","legal_name":null,"website":"https://acme.nl/","description":null,"industry":"manufacturing","country":"NL","language":"nl","employees":{"kind":"exact","min":180,"max":180},"size_bucket":"51-200","founded":1998,"phone":null,"emails":[],"address":null,"social":{"linkedin":"https://www.linkedin.com/company/acme"},"technologies":["hubspot"],"site_status":"ok"},"bant":{"budget":{"met":null},"authority":{"met":null,"level":"unknown","evidence":null},"need":{"met":null},"timeline":{"met":true,"deadline":"2025-06-30","asap":false,"exploring":false,"evidence":"before summer"}},"reasons":[{"rule":"icp.size","points":20,"field":"company.size_bucket","evidence":"51-200"}],"sources":[{"source":"newsletter","file":"in.csv","record":12,"source_id":null}],"provenance":{"company.employees":{"url":"https://acme.nl/about","method":"json-ld","confidence":0.9}},"rules_version":"abc","retain_until":"2026-01-31"}"#

    func errors(_ text: String) -> [String] {
        SchemaValidator.lead.errors(JSONText.parse(text)!)
    }

    @Test func aContractLineIsValid() {
        #expect(errors(Self.good).isEmpty, "\(errors(Self.good))")
    }

    @Test(arguments: [
        (#""score":87"#, #""score":"87""#),                                  // wrong type
        (#""grade":"A""#, #""grade":"E""#),                                  // not in the vocabulary
        (#""status":"qualified","#, ""),                                     // required key missing
        (#""rules_version":"abc""#, #""rules_version":"abc","surprise":1"#), // unknown top-level key
        (#""seniority":"head""#, #""seniority":"boss""#),
        (#""country":"NL""#, #""country":"Netherlands""#),                   // not ISO 3166-1 alpha-2
        (#""phone":"+31201234567""#, #""phone":"020 123 4567""#),            // not E.164
        (#""linkedin":"https"#, #""myspace":"https"#),                       // not a social key
        (#""method":"json-ld""#, #""method":"guess""#),
        (#""retain_until":"2026-01-31""#, #""retain_until":"31/01/2026""#),
        (#""consent":true"#, #""consent":1"#),                               // 1 is not true
    ])
    func aWrongLineIsCaught(_ edit: (String, String)) {
        let bad = Self.good.replacingOccurrences(of: edit.0, with: edit.1)
        #expect(bad != Self.good)
        #expect(!errors(bad).isEmpty, "accepted: \(edit.1)")
    }

    @Test func rejectLines() {
        let good = #"{"schema":"leadsmith/reject@1","stage":"intake","reason_code":"not_json","reason":"not JSON","source":"download","file":"f.ndjson","record":7,"line":7,"raw":"oops"}"#
        #expect(SchemaValidator.reject.errors(JSONText.parse(good)!).isEmpty)
        let bad = good.replacingOccurrences(of: #""record":7,"#, with: "")
        #expect(!SchemaValidator.reject.errors(JSONText.parse(bad)!).isEmpty)
    }

    @Test func theValidatorRefusesKeywordsItDoesNotEnforce() {
        let schema = JSONText.parse(#"{"type":"object","oneOf":[{"required":["a"]}]}"#)!
        let v = SchemaValidator(root: schema)
        #expect(v.errors(JSONText.parse("{}")!).contains { $0.contains("not supported") })
    }
}
