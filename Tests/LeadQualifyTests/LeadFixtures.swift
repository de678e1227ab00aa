import LeadCore
@testable import LeadQualify

/// Small lead objects shaped like the pipeline's (PRODUCT.md output, without qualification fields).
enum LeadFixtures {
    static func lead(industry: String? = "saas", size: String? = "51-200", country: String? = "NL",
                     function: String? = "sales", seniority: String = "head", technologies: [String] = ["hubspot"],
                     domain: String? = "acme.nl", freemail: Bool = false, disposable: Bool = false, valid: Bool = true,
                     invalidReason: String? = nil, consent: Bool? = true, truncated: Bool = false, employees: Int? = 120) -> JSONValue {
        .object([
            ("record_status", .string(truncated ? "truncated" : "ok")),
            ("person", .object([
                ("email", .string(valid ? "jane@acme.nl" : nil)), ("first_name", .string("Jane")), ("last_name", .string("Doe")),
                ("title", .string("Head of Sales")), ("function", .string(function)), ("seniority", .string(seniority)),
                ("phone", .null), ("consent", .bool(consent)),
                ("email_flags", .object([("valid", .bool(valid)), ("freemail", .bool(freemail)), ("disposable", .bool(disposable)),
                                          ("role", .bool(false)), ("invalid_reason", .string(invalidReason))])),
            ])),
            ("company", .object([
                ("domain", .string(domain)), ("name", .string("Acme")), ("industry", .string(industry)), ("country", .string(country)),
                ("employees", employees.map { .object([("kind", .string("exact")), ("min", .int($0)), ("max", .int($0))]) } ?? .null),
                ("size_bucket", .string(size)), ("technologies", .array(technologies.map(JSONValue.string))), ("site_status", .string("ok")),
            ])),
            ("sources", .array([])),
        ])
    }

    /// The points of every reason.
    static func points(_ q: Qualification) -> [Int] {
        q.reasons.compactMap { r -> Int? in
            if case .int(let p)? = r["points"] { return p }
            return nil
        }
    }

    /// The reason with `rule`, if any.
    static func reason(_ q: Qualification, _ rule: String) -> JSONValue? {
        q.reasons.first { $0["rule"] == .string(rule) }
    }
}
