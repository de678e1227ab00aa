public import LeadCore

/// What `run --format` and `export --format` write: NDJSON lead lines, or one CSV row per lead for a
/// CRM's spreadsheet import (the person and their organisation in the same row, so the importer links them).
public enum OutputFormat: String, Sendable, CaseIterable {
    case ndjson, pipedrive, hubspot, salesforce, csv

    /// Whether the output is a CSV file.
    public var isCSV: Bool { self != .ndjson }

    /// The column layout of a CSV format (`nil` for NDJSON).
    public var layout: CSVLayout? {
        switch self {
        case .ndjson: return nil
        case .pipedrive: return .pipedrive
        case .hubspot: return .hubspot
        case .salesforce: return .salesforce
        case .csv: return .generic
        }
    }

    /// The bytes before the first row: a UTF-8 byte order mark when the layout asks for one, and the header row.
    public var preamble: String {
        guard let layout else { return "" }
        return (layout.bom ? "\u{FEFF}" : "") + CSVField.row(layout.columns.map(\.header))
    }

    /// One lead line as its output text (with the line ending).
    public func render(_ line: JSONValue) -> String {
        guard let layout else { return line.serialized + "\n" }
        return layout.row(line)
    }
}

/// The columns of one CSV import format.
public struct CSVLayout: Sendable {
    /// One column: its header and how its value is read from a `leadsmith/lead@1` line.
    public struct Column: Sendable {
        public var header: String
        /// A phone column (see ``CSVField/encode(_:phone:)``).
        public var phone: Bool
        let value: @Sendable (JSONValue, String) -> String?

        init(_ header: String, phone: Bool = false, _ value: @escaping @Sendable (JSONValue, String) -> String?) {
            self.header = header
            self.phone = phone
            self.value = value
        }

        /// A column that copies a field at a dotted path (lists joined with the layout's separator).
        init(_ header: String, _ path: String, phone: Bool = false) {
            self.init(header, phone: phone) { line, sep in Self.plain(line.at(path), separator: sep) }
        }

        static func plain(_ v: JSONValue?, separator: String) -> String? {
            guard let v else { return nil }
            switch v {
            case .null: return nil
            case .array(let items):
                let parts = items.compactMap(\.text)
                return parts.isEmpty ? nil : parts.joined(separator: separator)
            case .object: return v.serialized
            default: return v.text
            }
        }
    }

    /// The columns in order.
    public var columns: [Column]
    /// Written first: a UTF-8 byte order mark, so a spreadsheet opened before the import reads UTF-8.
    public var bom: Bool
    /// How a multi-value field (technologies, company e-mails) is joined in one cell.
    public var multiValueSeparator: String

    /// One CSV record for a lead line.
    public func row(_ line: JSONValue) -> String {
        let fields = columns.map { CSVField.encode($0.value(line, multiValueSeparator) ?? "", phone: $0.phone) }
        return fields.joined(separator: ",") + "\r\n"
    }
}

extension CSVLayout {
    static func fullName(_ line: JSONValue) -> String? {
        let parts = [line.at("person.first_name")?.text, line.at("person.last_name")?.text].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    static func address(_ line: JSONValue) -> String? {
        guard let a = line.at("company.address"), case .object = a else { return nil }
        let street = a["street"]?.text
        let city = [a["postal_code"]?.text, a["city"]?.text].compactMap { $0 }.joined(separator: " ")
        let parts = [street, city.isEmpty ? nil : city, a["country"]?.text].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    static func employees(_ line: JSONValue) -> String? {
        guard let e = line.at("company.employees"), let lo = e["min"]?.intValue, let hi = e["max"]?.intValue else { return nil }
        return lo == hi ? String(lo) : String((lo + hi) / 2)
    }

    static func reasons(_ line: JSONValue) -> String? {
        let parts = (line["reasons"]?.items ?? []).compactMap { r -> String? in
            guard let rule = r["rule"]?.text, let points = r["points"]?.intValue, points != 0 else { return nil }
            return "\(rule) \(points > 0 ? "+" : "")\(points)"
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    static func consentFlag(_ line: JSONValue, yes: String, no: String) -> String? {
        guard case .bool(let b)? = line.at("person.consent") else { return nil }
        return b ? yes : no
    }

    /// Columns every CRM layout ends with: leadsmith's verdict, mapped to custom fields in the CRM.
    static let verdict: [Column] = [
        Column("leadsmith Status", "status"),
        Column("leadsmith Grade", "grade"),
        Column("leadsmith Score", "score"),
        Column("leadsmith Lead ID", "lead_id"),
        Column("leadsmith Reasons") { line, _ in reasons(line) },
        Column("leadsmith Retain Until", "retain_until"),
    ]

    /// Pipedrive "Import data → From a spreadsheet": `Person - …` and `Organization - …` fields in one
    /// row; Pipedrive links the person to the organisation of the same row.
    public static let pipedrive = CSVLayout(columns: [
        Column("Person - Name") { line, _ in fullName(line) ?? line.at("person.email")?.text },
        Column("Person - First name", "person.first_name"),
        Column("Person - Last name", "person.last_name"),
        Column("Person - Email", "person.email"),
        Column("Person - Phone", "person.phone", phone: true),
        Column("Person - Job title", "person.title"),
        Column("Organization - Name", "company.name"),
        Column("Organization - Website", "company.website"),
        Column("Organization - Address") { line, _ in address(line) },
        Column("Organization - Industry", "company.industry"),
        Column("Organization - Number of employees") { line, _ in employees(line) },
        Column("Organization - LinkedIn profile", "company.social.linkedin"),
        Column("Organization - Phone", "company.phone", phone: true),
        Column("Organization - Technologies", "company.technologies"),
    ] + verdict, bom: true, multiValueSeparator: ",")

    /// HubSpot "Import → one file, multiple objects (contacts and companies)": contact properties
    /// (`Email` is the contact's unique identifier) and company properties (`Company Domain Name`
    /// is the company's), associated per row.
    public static let hubspot = CSVLayout(columns: [
        Column("Email", "person.email"),
        Column("First Name", "person.first_name"),
        Column("Last Name", "person.last_name"),
        Column("Job Title", "person.title"),
        Column("Phone Number", "person.phone", phone: true),
        Column("leadsmith Consent") { line, _ in consentFlag(line, yes: "true", no: "false") },
        Column("Company Name", "company.name"),
        Column("Company Domain Name", "company.domain"),
        Column("Website URL", "company.website"),
        Column("Industry", "company.industry"),
        Column("Number of Employees") { line, _ in employees(line) },
        Column("Year Founded", "company.founded"),
        Column("Street Address", "company.address.street"),
        Column("Postal Code", "company.address.postal_code"),
        Column("City", "company.address.city"),
        Column("Country/Region", "company.country"),
        Column("Company Phone Number", "company.phone", phone: true),
        Column("LinkedIn Company Page", "company.social.linkedin"),
        Column("Technologies", "company.technologies"),
    ] + verdict, bom: true, multiValueSeparator: ";")

    /// Salesforce Data Import Wizard "Accounts and Contacts": the contact and account labels of its
    /// "Field Mapping for Other Data Sources and Organization Import" table, one contact + account per row.
    public static let salesforce = CSVLayout(columns: [
        Column("First Name", "person.first_name"),
        Column("Last Name") { line, _ in line.at("person.last_name")?.text },
        Column("Title", "person.title"),
        Column("Email", "person.email"),
        Column("Business Phone", "person.phone", phone: true),
        Column("Email Opt Out") { line, _ in consentFlag(line, yes: "0", no: "1") },
        Column("Lead Source") { line, _ in line["sources"]?.items.first?["source"]?.text },
        Column("Account Name") { line, _ in line.at("company.name")?.text ?? line.at("company.domain")?.text },
        Column("Website", "company.website"),
        Column("Industry", "company.industry"),
        Column("Employees") { line, _ in employees(line) },
        Column("Billing Street", "company.address.street"),
        Column("Billing Zip/Postal Code", "company.address.postal_code"),
        Column("Billing City", "company.address.city"),
        Column("Billing Country", "company.country"),
        Column("Account Phone", "company.phone", phone: true),
        Column("Account Description", "company.description"),
        Column("Technologies", "company.technologies"),
    ] + verdict, bom: true, multiValueSeparator: ";")

    /// A plain CSV of the main lead fields with leadsmith's own names (`person.email` → `email`, …), no BOM.
    public static let generic = CSVLayout(columns: [
        Column("lead_id", "lead_id"), Column("status", "status"), Column("grade", "grade"),
        Column("score", "score"), Column("fit", "fit"), Column("record_status", "record_status"),
        Column("email", "person.email"), Column("first_name", "person.first_name"), Column("last_name", "person.last_name"),
        Column("title", "person.title"), Column("function", "person.function"), Column("seniority", "person.seniority"),
        Column("phone", "person.phone", phone: true), Column("consent", "person.consent"),
        Column("company_domain", "company.domain"), Column("company_name", "company.name"),
        Column("company_website", "company.website"), Column("industry", "company.industry"),
        Column("country", "company.country"), Column("size_bucket", "company.size_bucket"),
        Column("employees_min", "company.employees.min"), Column("employees_max", "company.employees.max"),
        Column("founded", "company.founded"), Column("company_phone", "company.phone", phone: true),
        Column("company_emails", "company.emails"), Column("technologies", "company.technologies"),
        Column("linkedin", "company.social.linkedin"), Column("site_status", "company.site_status"),
        Column("reasons") { line, _ in reasons(line) },
        Column("sources") { line, _ in
            let s = (line["sources"]?.items ?? []).compactMap { src -> String? in
                guard let f = src["file"]?.text, let r = src["record"]?.intValue else { return nil }
                return "\(f)#\(r)"
            }
            return s.isEmpty ? nil : s.joined(separator: ";")
        },
        Column("retain_until", "retain_until"), Column("rules_version", "rules_version"),
    ], bom: false, multiValueSeparator: ";")
}
