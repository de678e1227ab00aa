import Foundation
import LeadCore
import LeadIntake

/// Step 2 of the pipeline: turns a ``RawRecord`` into a ``CleanRecord`` (e-mail, names, title,
/// consent, the company domain). Pure and deterministic; all tables come from the rules folder.
struct Cleaner: Sendable {
    let emails: EmailClassifier
    let titles: TitleNormalizer
    let junkCompanies: CompanyNameJunk

    init(rules: RuleFiles) throws(LeadsmithError) {
        emails = try EmailClassifier(rules: rules)
        titles = try TitleNormalizer(rules: rules)
        junkCompanies = try CompanyNameJunk(rules: rules)
    }

    /// Hosts of social networks: a website field pointing there says nothing about the company domain.
    static let socialHosts: Set<String> = [
        "linkedin.com", "facebook.com", "fb.com", "twitter.com", "x.com", "instagram.com", "youtube.com",
        "xing.com", "github.com", "tiktok.com", "t.co", "wa.me", "linktr.ee",
    ]

    func clean(_ raw: RawRecord) -> CleanRecord {
        let f = raw.fields
        let visitorTexts = TranscriptFacts.visitorMessages(raw.transcript.map { (role: $0.role, text: $0.text) })

        // E-mail: the field, else one stated in the transcript.
        var emailSource: String? = nil
        var emailRaw = f["email"].flatMap { $0.isBlankText ? nil : $0 }
        if emailRaw != nil {
            emailSource = "field"
        } else if let stated = TranscriptFacts.email(inVisitorMessages: visitorTexts) {
            emailRaw = stated
            emailSource = "transcript"
        }
        let parsed = EmailParser.parse(emailRaw)
        let flags = emails.flags(parsed)

        // Names.
        let name = PersonNameCleaner.clean(first: f["first_name"], last: f["last_name"], full: f["full_name"])

        // Title: the field, else stated in the transcript.
        var titleSource: String? = nil
        var normalized: NormalizedTitle? = nil
        if let t = titles.normalize(f["job_title"]) {
            normalized = t
            titleSource = "record"
        } else if let t = TranscriptFacts.statedTitle(inVisitorMessages: visitorTexts, normalizer: titles) {
            normalized = t
            titleSource = "transcript"
        }

        // Company name from the record, unless it is junk ("-", "n/a", "Freelance", …).
        let company = f["company"].map(Self.collapse).flatMap { $0.isEmpty || junkCompanies.isJunk($0) ? nil : $0 }

        // Country: the record's own country field (not a geo-IP column), else the address's country part.
        let country = (f["country"] ?? f["address_country"]).flatMap { Countries.iso2(fromName: $0) }

        // Company domain: the e-mail's registrable domain for corporate mail, else the website field.
        var domain: String? = nil
        var domainSource: String? = nil
        if flags.valid, !flags.freemail, !flags.disposable, let d = parsed.domain,
           let reg = PublicSuffix.registrableDomain(d), !PublicSuffix.isHostingPlatform(d) {
            domain = reg
            domainSource = "email"
        } else if let w = f["website"], let reg = Self.websiteDomain(w) {
            domain = reg
            domainSource = "website_field"
        }

        let size = f["self_reported_size"].map(Self.collapse).flatMap { $0.isEmpty ? nil : $0 }
        let phone = f["phone"].map(Self.collapse).flatMap { $0.isEmpty ? nil : $0 }

        return CleanRecord(
            ref: SourceRef(source: raw.source, file: raw.file, record: raw.record, line: raw.line, sourceID: raw.sourceID),
            truncated: raw.truncated,
            emailText: emailRaw == nil ? nil : parsed.outputValue,
            email: parsed.valid ? parsed.email : nil,
            emailKey: parsed.groupKey,
            emailSource: emailSource,
            flags: .init(valid: flags.valid, freemail: flags.freemail, disposable: flags.disposable, role: flags.role,
                         invalidReason: flags.invalidReason),
            firstName: name.first,
            lastName: name.last,
            title: normalized?.title,
            titleSource: titleSource,
            function: normalized?.function,
            seniority: normalized?.seniority,
            phoneRaw: phone,
            consent: raw.consent,
            company: company,
            website: f["website"].map(Self.collapse).flatMap { $0.isEmpty ? nil : $0 },
            country: country,
            selfReportedSize: size,
            domain: domain,
            domainSource: domainSource,
            timestamp: raw.timestamp,
            statements: visitorTexts + (f["message"].map { [$0] } ?? []),
            extra: raw.extra.map { CleanRecord.Pair(name: $0.name, value: $0.value) },
            consentDetail: ConsentReader.read(raw)
        )
    }

    /// The registrable domain of a website field: scheme, `www.`, path and query stripped; social
    /// network URLs and hosting platforms (`acme.wixsite.com`) give none.
    static func websiteDomain(_ text: String) -> String? {
        var s = collapse(text).lowercased()
        guard !s.isEmpty else { return nil }
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: byte searches find what Foundation's and the Character searches find.
            guard !s.utf8.contains(UInt8(ascii: " ")) else { return nil }
            s = asciiHost(ofURL: s)
            guard s.utf8.contains(UInt8(ascii: ".")) else { return nil }
        } else {
            guard !s.contains(" ") else { return nil }
            if let r = s.range(of: "://") { s = String(s[r.upperBound...]) }
            if let cut = s.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { s = String(s[..<cut]) }
            if let at = s.lastIndex(of: "@") { s = String(s[s.index(after: at)...]) }
            if let colon = s.firstIndex(of: ":") { s = String(s[..<colon]) }
            guard s.contains(".") else { return nil }
        }
        guard let reg = PublicSuffix.registrableDomain(s) else { return nil }
        if socialHosts.contains(reg) || PublicSuffix.isHostingPlatform(s) { return nil }
        return reg
    }

    /// The host part of a lower-case ASCII URL without spaces: the steps of ``websiteDomain(_:)`` on
    /// bytes (after `://`, before `/`, `?` or `#`, after the last `@`, before `:`).
    static func asciiHost(ofURL s: String) -> String {
        let bytes = Array(s.utf8)
        var b = bytes[...]
        if bytes.count >= 3 {
            for i in 0...(bytes.count - 3)
            where bytes[i] == UInt8(ascii: ":") && bytes[i + 1] == UInt8(ascii: "/") && bytes[i + 2] == UInt8(ascii: "/") {
                b = bytes[(i + 3)...]
                break
            }
        }
        if let cut = b.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            b = b[..<cut]
        }
        if let at = b.lastIndex(of: UInt8(ascii: "@")) { b = b[(at + 1)...] }
        if let colon = b.firstIndex(of: UInt8(ascii: ":")) { b = b[..<colon] }
        return String(decoding: b, as: UTF8.self)
    }

    /// Whitespace (incl. NBSP) collapsed to single spaces and trimmed.
    static func collapse(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: Character.isWhitespace is U+0009–U+000D and the space (a CR-LF pair is one
            // whitespace Character), so the same split and join on bytes.
            return s.collapsingASCIIWhitespaceRuns()
        }
        return collapseCharacters(s)
    }

    /// ``collapse(_:)`` on Characters (the rule for any text; the ASCII path must agree with it).
    static func collapseCharacters(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace || $0 == "\u{00A0}" }).joined(separator: " ")
    }
}
