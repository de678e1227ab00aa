import Foundation

/// Writes one record at a time into the source file its index assigns it to: records 0–7 of every
/// 20 go to a newsletter CSV (the first half of the run to the first file, the rest to the last),
/// 8–12 to the chatbot export and 13–19 to the download-form NDJSON.
final class RecordWriter {
    private let files: [TextFileWriter]
    private let total: Int
    private let sites: Int
    private var firstConversation = true

    init(files: [TextFileWriter], total: Int, sites: Int) {
        self.files = files
        self.total = total
        self.sites = sites
    }

    static let csvHeader = "\"Email Address\",\"First Name\",\"Last Name\",\"Phone Number\",\"Company\",\"Job Title\",\"Website\",\"CC\",\"LEID\",\"NOTES\"\n"

    func begin() throws(BenchDatasetError) {
        try files[0].write(Self.csvHeader)
        try files[3].write(Self.csvHeader)
        let chats = total / 20 * 5 + max(0, min(total % 20, 13) - 8)
        try files[1].write("{\"export\": {\"tool\": \"bench-widget\", \"workspace\": \"leadsmith-bench\", \"exported_at\": \"2025-03-01T09:00:00Z\", \"count\": \(chats)},\n \"conversations\": [\n")
    }

    func end() throws(BenchDatasetError) {
        try files[1].write("\n ]}\n")
    }

    /// The facts of person `index`; the same index always gives the same person.
    struct Person {
        let language: DatasetLanguage
        let first: String
        let last: String
        let email: String
        let company: String
        let domain: String?
        let title: String
        let phone: String
        let size: Int
    }

    func person(_ index: Int) -> Person {
        var rng = BenchRandom(seed: UInt64(index) &* 0x2545_F491_4F6C_DD1D &+ 1)
        // Nine in ten people work at a company with a snapshot site (a few of them under its old,
        // redirected domain), the rest at a company without one or on free mail.
        let roll = rng.below(100)
        let company = roll < 90 ? rng.below(sites) : sites + rng.below(max(1, sites / 4))
        let language = DatasetLanguage.all[company % DatasetLanguage.all.count]
        let first = rng.pick(language.firstNames)
        let last = rng.pick(language.lastNames)
        let local = Self.ascii(first) + "." + Self.ascii(last) + "\(index)"
        let domain: String?
        if roll >= 96 {
            domain = nil
        } else if company < sites, company % 50 == 7, rng.chance(0.5) {
            domain = SiteSnapshotWriter.oldDomain(company, language)
        } else {
            domain = SiteSnapshotWriter.domain(company, language)
        }
        let email = local + "@" + (domain ?? rng.pick(DatasetLanguage.freeMail))
        return Person(language: language, first: first, last: last, email: email,
                      company: SiteSnapshotWriter.companyName(company, language),
                      domain: domain, title: rng.pick(language.titles),
                      phone: "+\(20 + company % 60) \(100 + rng.below(900)) \(1_000_000 + index % 9_000_000)",
                      size: [5, 12, 40, 85, 250, 1200][rng.below(6)])
    }

    func record(_ r: Int, person index: Int, repeated: Bool, rng: inout BenchRandom) throws(BenchDatasetError) {
        let p = person(index)
        // A repeated person comes back with another letter case, as people type their address.
        let email = repeated ? p.email.prefix(1).uppercased() + p.email.dropFirst() : p.email
        switch r % 20 {
        case 0..<8:
            let notes = rng.chance(0.2) ? "Met at the \(p.language.countryName) fair\nasked for pricing" : ""
            let fields = [email, p.first, rng.chance(0.1) ? p.last.uppercased() : p.last, rng.chance(0.6) ? p.phone : "",
                          p.company, p.title, rng.chance(0.3) ? "https://www.\(p.domain ?? "example.org")/" : "",
                          p.language.countryCode, "\(r)", notes]
            try files[r < total / 2 ? 0 : 3].write(fields.map(Self.csvQuoted).joined(separator: ",") + "\n")
        case 8..<13:
            try writeConversation(r, p, email: email, rng: &rng)
        default:
            try writeSubmission(r, p, email: email, rng: &rng)
        }
    }

    private func writeConversation(_ r: Int, _ p: Person, email: String, rng: inout BenchRandom) throws(BenchDatasetError) {
        var lines = [p.language.chatLines[0]]
        for k in 1..<p.language.chatLines.count where rng.chance(0.6) {
            lines.append(p.language.chatLines[k].replacingOccurrences(of: "{n}", with: "\(k == 2 ? 5 + rng.below(60) : p.size)"))
        }
        if rng.chance(0.2) { lines.append("You can reach me at \(email.lowercased())") }
        let anonymous = rng.chance(0.05)
        var messages = ["{\"role\": \"bot\", \"at\": \"2025-02-10T14:03:00Z\", \"text\": \"Hello! How can we help?\"}"]
        for (k, line) in lines.enumerated() {
            messages.append("{\"role\": \"visitor\", \"at\": \"2025-02-10T14:0\(min(k + 3, 9)):30Z\", \"text\": \(Self.jsonString(line))}")
        }
        let visitor = "{\"id\": \"vis_\(r)\", \"name\": \(anonymous ? "null" : Self.jsonString(p.first + " " + p.last)), "
            + "\"email\": \(anonymous ? "null" : Self.jsonString(email)), \"company\": \(Self.jsonString(p.company)), "
            + "\"country\": \(Self.jsonString(p.language.countryName)), \"language\": \"\(p.language.code)\", "
            + "\"gdpr_consent\": \(rng.chance(0.85) ? "true" : "false")}"
        let day = 1 + r % 28
        let conv = "  {\"id\": \"conv_\(r)\", \"created_at\": \"2025-02-\(day < 10 ? "0" : "")\(day)T14:03:00Z\", \"channel\": \"web_widget\", "
            + "\"page_url\": \"https://leadsmith.example/pricing\",\n   \"visitor\": \(visitor),\n   \"messages\": [\n     "
            + messages.joined(separator: ",\n     ") + "]}"
        try files[1].write((firstConversation ? "" : ",\n") + conv)
        firstConversation = false
    }

    private func writeSubmission(_ r: Int, _ p: Person, email: String, rng: inout BenchRandom) throws(BenchDatasetError) {
        if r % 1000 == 999 { try files[2].write("this is a log line, not a submission\n") }
        var fields = [("email", email), ("firstname", p.first), ("lastname", p.last)]
        if rng.chance(0.7) { fields.append(("jobtitle", p.title)) }
        if rng.chance(0.8) { fields.append(("company", p.company)) }
        if rng.chance(0.5) { fields.append(("country", p.language.countryName)) }
        if rng.chance(0.4) { fields.append(("numemployees", ["1-10", "11-50", "25-50", "51-200", "100-500", "1000+"][rng.below(6)])) }
        if rng.chance(0.5) { fields.append(("phone", p.phone)) }
        let list = fields.map { "{\"name\": \"\($0.0)\", \"value\": \(Self.jsonString($0.1))}" }.joined(separator: ", ")
        let consent = rng.chance(0.1) ? "" : ", \"consent\": {\"consentToProcess\": \(rng.chance(0.9) ? "true" : "false")}"
        let form = r % 3 == 0 ? ("f-1", "E-book: Lead Scoring 101") : ("f-2", "Demo request")
        try files[2].write("{\"conversionId\": \"c-\(r)\", \"portalId\": 1, \"formId\": \"\(form.0)\", \"formName\": \"\(form.1)\", "
            + "\"submittedAt\": \(1_740_000_000_000 + r * 60_000), \"pageUrl\": \"https://leadsmith.example/ebook?utm_source=bench\", "
            + "\"fields\": [\(list)]\(consent)}\n")
    }

    static func csvQuoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// Lower-case ASCII letters of a name, for an e-mail local part.
    static func ascii(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }.map(Character.init))
    }
}
