import Foundation
import LeadCore
import LeadHandoff
import Testing

/// CRM import CSV: headers per format, RFC 4180 quoting, UTF-8 with BOM, formula neutralising.
struct CSVFormatTests {
    /// A lead line as the pipeline writes it, with awkward values in the places a CRM file shows.
    static func lead(first: String = "Zoë", last: String = "O'Brien, \"Jr\"", title: String? = "Head of Sales",
                     company: String = "Acme, Inc.", phone: String? = "+31201234567") -> JSONValue {
        .object([
            ("schema", .string("leadsmith/lead@1")), ("lead_id", .string("ls_00000000000000aa")),
            ("status", .string("qualified")), ("grade", .string("A")), ("score", .int(87)), ("fit", .int(72)),
            ("record_status", .string("ok")),
            ("person", .object([
                ("email", .string("zoe@acme.example")), ("first_name", .string(first)), ("last_name", .string(last)),
                ("title", .string(title)), ("function", .string("sales")), ("seniority", .string("head")),
                ("phone", .string(phone)), ("consent", .bool(true)),
            ])),
            ("company", .object([
                ("domain", .string("acme.example")), ("name", .string(company)), ("website", .string("https://acme.example/")),
                ("industry", .string("saas")), ("country", .string("NL")),
                ("employees", .object([("kind", .string("range")), ("min", .int(51)), ("max", .int(200))])),
                ("size_bucket", .string("51-200")), ("founded", .int(1998)), ("phone", .string("+31201234500")),
                ("emails", .array([.string("info@acme.example"), .string("sales@acme.example")])),
                ("address", .object([("street", .string("Damrak 1")), ("postal_code", .string("1012 LG")),
                                     ("city", .string("Amsterdam")), ("country", .string("NL"))])),
                ("social", .object([("linkedin", .string("https://www.linkedin.com/company/acme"))])),
                ("technologies", .array([.string("hubspot"), .string("wordpress")])),
                ("site_status", .string("ok")),
            ])),
            ("reasons", .array([.object([("rule", .string("icp.size")), ("points", .int(20))])])),
            ("sources", .array([.object([("source", .string("newsletter")), ("file", .string("in.csv")), ("record", .int(3))])])),
            ("rules_version", .string("r1")),
        ])
    }

    /// Splits RFC 4180 text into records of fields (quotes undone), the way a spreadsheet reads it.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if quoted {
                if c == "\"" {
                    let n = text.index(after: i)
                    if n < text.endIndex, text[n] == "\"" { field.append("\""); i = n } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
            i = text.index(after: i)
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    func file(_ format: OutputFormat, _ lines: [JSONValue]) -> String {
        format.preamble + lines.map(format.render).joined()
    }

    @Test func headersPerFormat() {
        let p = Self.parse(String(file(.pipedrive, []).dropFirst()))[0]
        #expect(p.prefix(4) == ["Person - Name", "Person - First name", "Person - Last name", "Person - Email"])
        #expect(p.contains("Organization - Name") && p.contains("Organization - Website") && p.contains("Organization - Address"))
        let h = Self.parse(String(file(.hubspot, []).dropFirst()))[0]
        #expect(h.prefix(3) == ["Email", "First Name", "Last Name"])
        #expect(h.contains("Company Name") && h.contains("Company Domain Name") && h.contains("Country/Region"))
        let s = Self.parse(String(file(.salesforce, []).dropFirst()))[0]
        #expect(s.prefix(4) == ["First Name", "Last Name", "Title", "Email"])
        #expect(s.contains("Account Name") && s.contains("Billing City") && s.contains("Email Opt Out"))
        let g = Self.parse(file(.csv, []))[0]
        #expect(g.prefix(4) == ["lead_id", "status", "grade", "score"])
        for f in [OutputFormat.pipedrive, .hubspot, .salesforce, .csv] {
            let names = f.layout!.columns.map(\.header)
            #expect(Set(names).count == names.count, "duplicate header in \(f)")
        }
    }

    @Test func utf8WithBOMForCRMsAndCRLFRecords() {
        for f in [OutputFormat.pipedrive, .hubspot, .salesforce] {
            #expect(Array(file(f, [Self.lead()]).utf8.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(f) starts with a UTF-8 BOM")
        }
        let plain = file(.csv, [Self.lead()])
        #expect(plain.hasPrefix("lead_id,"))
        #expect(plain.hasSuffix("\r\n"))
        #expect(OutputFormat.ndjson.preamble.isEmpty)
        #expect(OutputFormat.ndjson.render(Self.lead()) == Self.lead().serialized + "\n")
    }

    @Test func quotesCommasNewlinesAndNonLatinNamesRoundTrip() throws {
        let names: [(String, String)] = [
            ("Zoë", "O'Brien, \"Jr\""), ("Анна", "Кузнецова"), ("美咲", "佐藤"), ("محمد", "العلي"),
            ("Line", "Two\nLines"), ("Carriage", "Return\r\nInside"),
        ]
        let layout = try #require(OutputFormat.hubspot.layout)
        let fi = try #require(layout.columns.firstIndex { $0.header == "First Name" })
        let li = try #require(layout.columns.firstIndex { $0.header == "Last Name" })
        let ci = try #require(layout.columns.firstIndex { $0.header == "Company Name" })
        let text = String(file(.hubspot, names.map { Self.lead(first: $0.0, last: $0.1) }).dropFirst())
        let rows = Self.parse(text)
        #expect(rows.count == names.count + 1)
        for (i, n) in names.enumerated() {
            #expect(rows[i + 1].count == layout.columns.count)
            #expect(rows[i + 1][fi] == n.0)
            #expect(rows[i + 1][li] == n.1)
            #expect(rows[i + 1][ci] == "Acme, Inc.")
        }
        #expect(text.contains("\"O'Brien, \"\"Jr\"\"\""), "quotes doubled inside a quoted field")
    }

    @Test func multiValueFieldsJoinAsTheImporterExpects() throws {
        func cell(_ f: OutputFormat, _ header: String) throws -> String {
            let layout = try #require(f.layout)
            let i = try #require(layout.columns.firstIndex { $0.header == header })
            return Self.parse(String(file(f, [Self.lead()]).drop(while: { $0 == "\u{FEFF}" })))[1][i]
        }
        #expect(try cell(.hubspot, "Technologies") == "hubspot;wordpress")
        #expect(try cell(.salesforce, "Technologies") == "hubspot;wordpress")
        #expect(try cell(.pipedrive, "Organization - Technologies") == "hubspot,wordpress")
        #expect(try cell(.csv, "company_emails") == "info@acme.example;sales@acme.example")
        #expect(try cell(.pipedrive, "Organization - Address") == "Damrak 1, 1012 LG Amsterdam, NL")
        #expect(try cell(.salesforce, "Email Opt Out") == "0")
        #expect(try cell(.hubspot, "Phone Number") == "+31201234567", "an E.164 phone keeps its plus")
    }

    @Test func formulaInjectionIsNeutralised() throws {
        let dangerous = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
                         "\tTabbed", "\rReturn"]
        for value in dangerous {
            let encoded = CSVField.encode(value)
            #expect(encoded.hasPrefix("\"'"), "\(value.debugDescription) → \(encoded.debugDescription)")
            let back = Self.parse(encoded + "\r\n")[0][0]
            #expect(back == "'" + value)
        }
        // In a row: a company name and a chat-supplied title that start a formula.
        let text = file(.csv, [Self.lead(title: "=HYPERLINK(\"x\")", company: "@acme", phone: "+31 20 =1")])
        let row = Self.parse(text)[1]
        let cols = OutputFormat.csv.layout!.columns.map(\.header)
        #expect(row[cols.firstIndex(of: "title")!] == "'=HYPERLINK(\"x\")")
        #expect(row[cols.firstIndex(of: "company_name")!] == "'@acme")
        #expect(row[cols.firstIndex(of: "phone")!] == "'+31 20 =1", "a phone column value that is not E.164 is neutralised too")
        #expect(CSVField.encode("plain value") == "plain value")
        #expect(CSVField.encode("a=b") == "a=b", "only a leading trigger is dangerous")
    }
}
