import Foundation
import Testing
import LeadCore

/// Checks against the dev corpus truth; run with `LEADSMITH_DEV_CORPUS=/work/shared/corpus/dev`.
@Suite(.enabled(if: CleaningFixtures.devCorpus != nil, "set LEADSMITH_DEV_CORPUS to the dev corpus folder"))
struct DevCorpusCleaningTests {
    @Test func emailsMatchTruth() throws {
        let leads = try CleaningFixtures.truthLeads()
        #expect(!leads.isEmpty)
        var flagsOK = 0, emailOK = 0, keyOK = 0, typeOK = 0, groupOK = 0
        var groupsByKey: [String: Set<String>] = [:], keysByGroup: [String: Set<String>] = [:]
        for lead in leads {
            let raw: String? = value(lead, "email_raw")
            let parsed = EmailParser.parse(raw)
            let flags = CleaningFixtures.emailClassifier.flags(parsed)
            let tf = lead["email_flags"] as? [String: Any]
            let want = EmailFlags(valid: value(tf, "valid") ?? false, freemail: value(tf, "freemail") ?? false,
                                  disposable: value(tf, "disposable") ?? false, role: value(tf, "role") ?? false,
                                  invalidReason: value(tf, "invalid_reason"))
            if flags == want { flagsOK += 1 } else { print("DEV email flags: \(raw ?? "nil") got \(flags) want \(want)") }
            if parsed.email == value(lead, "email") { emailOK += 1 } else { print("DEV email: \(raw ?? "nil") got \(parsed.email ?? "nil")") }
            if parsed.key == value(lead, "email_key") { keyOK += 1 } else { print("DEV key: \(raw ?? "nil") got \(parsed.key ?? "nil")") }
            if flags.type.rawValue == value(lead, "email_type") { typeOK += 1 }
            if let k = parsed.groupKey, let g: String = value(lead, "dup_group") {
                groupsByKey[k, default: []].insert(g)
                keysByGroup[g, default: []].insert(k)
            }
            // A lead has a dup_group exactly when its e-mail has a group key.
            if (parsed.groupKey != nil) == (value(lead, "dup_group", as: String.self) != nil) { groupOK += 1 } else {
                print("DEV group key: \(raw ?? "nil") got \(parsed.groupKey ?? "nil")")
            }
        }
        let n = Double(leads.count)
        print("DEV email: \(leads.count) leads; flags \(Double(flagsOK) / n), email \(Double(emailOK) / n), key \(Double(keyOK) / n), type \(Double(typeOK) / n), has-group \(Double(groupOK) / n)")
        #expect(flagsOK == leads.count)
        #expect(emailOK == leads.count)
        #expect(keyOK == leads.count)
        #expect(typeOK == leads.count)
        #expect(groupOK == leads.count)
        // Same group key ⇔ same dup_group.
        #expect(groupsByKey.values.allSatisfy { $0.count == 1 })
        #expect(keysByGroup.values.allSatisfy { $0.count == 1 })
        print("DEV groups: \(keysByGroup.count) dup groups, \(groupsByKey.count) group keys")
    }

    @Test func titlesMatchTruth() throws {
        let leads = try CleaningFixtures.truthLeads()
        var n = 0, fnOK = 0, senOK = 0
        for lead in leads {
            guard let title: String = value(lead, "job_title") else { continue }
            n += 1
            let t = CleaningFixtures.titles.normalize(title)
            if t?.function?.rawValue == value(lead, "job_function") { fnOK += 1 } else {
                print("DEV title function: \(title) got \(t?.function?.rawValue ?? "nil") want \(value(lead, "job_function", as: String.self) ?? "nil") \(t?.evidence ?? [])")
            }
            if t?.seniority.rawValue == value(lead, "seniority") { senOK += 1 } else {
                print("DEV title seniority: \(title) got \(t?.seniority.rawValue ?? "nil") want \(value(lead, "seniority", as: String.self) ?? "nil") \(t?.evidence ?? [])")
            }
        }
        print("DEV titles: \(n) with a title; function \(Double(fnOK) / Double(n)), seniority \(Double(senOK) / Double(n))")
        #expect(Double(fnOK) / Double(n) >= 0.95)
        #expect(Double(senOK) / Double(n) >= 0.95)
    }

    @Test func transcriptFactsMatchTruth() throws {
        let leads = try CleaningFixtures.truthLeads()
        let conversations = try CleaningFixtures.chatConversations()
        var emailWanted = 0, emailOK = 0, emailFalse = 0
        var titleWanted = 0, titleOK = 0, titleFalse = 0, titleUnstated = 0
        for lead in leads {
            guard let source = lead["source"] as? [String: Any], value(source, "kind") == "chatbot",
                  let record: Int = value(source, "record"), record >= 1, record <= conversations.count else { continue }
            let conv = conversations[record - 1]
            let messages = conv["messages"] as? [[String: Any]] ?? []
            let visitorTexts = messages.filter { value($0, "role") == "visitor" }.compactMap { value($0, "text", as: String.self) }
            let email = TranscriptFacts.email(inVisitorMessages: visitorTexts)
            if value(lead, "email_source") == "transcript" {
                emailWanted += 1
                if email == value(lead, "email_raw") { emailOK += 1 } else { print("DEV transcript email: got \(email ?? "nil") want \(value(lead, "email_raw", as: String.self) ?? "nil")") }
            } else if value(lead, "email_source") == nil, let email {
                emailFalse += 1
                print("DEV transcript email false positive: \(email)")
            }
            let title = TranscriptFacts.jobTitle(inVisitorMessages: visitorTexts, normalizer: CleaningFixtures.titles)
            let visitor = conv["visitor"] as? [String: Any]
            if value(lead, "title_source") == "transcript" {
                titleWanted += 1
                let want: String? = value(lead, "job_title")
                if title == want { titleOK += 1 } else {
                    // The truth names a transcript title for some support chats whose visitor never states one.
                    let stated = visitorTexts.contains { $0.localizedCaseInsensitiveContains(want ?? "\u{0}") }
                    if !stated { titleUnstated += 1 }
                    print("DEV transcript title: got \(title ?? "nil") want \(want ?? "nil")\(stated ? "" : " (not in visitor messages)")")
                }
            } else if value(visitor, "job_title", as: String.self) == nil, let title {
                titleFalse += 1
                print("DEV transcript title false positive: \(title)")
            }
        }
        print("DEV transcript: email \(emailOK)/\(emailWanted), false positives \(emailFalse); title \(titleOK)/\(titleWanted) (\(titleUnstated) not stated by the visitor), false positives \(titleFalse)")
        #expect(emailOK == emailWanted)
        #expect(emailFalse == 0)
        #expect(titleOK + titleUnstated == titleWanted)
        #expect(titleFalse == 0)
    }
}

/// Raw name fields of every dev lead, keyed by (file, record), read straight from the lead files.
enum DevRawNames {
    struct Raw { var first: String?; var last: String?; var full: String? }

    static func all() throws -> [String: Raw] {
        guard let dir = CleaningFixtures.devCorpus else { return [:] }
        var out: [String: Raw] = [:]
        for (i, conv) in try CleaningFixtures.chatConversations().enumerated() {
            let v = conv["visitor"] as? [String: Any]
            out["leads/chatbot/chat_conversations_export.json#\(i + 1)"] = Raw(full: value(v, "name"))
        }
        let dl = try String(contentsOf: dir.appendingPathComponent("leads/download/hubspot_form_submissions.ndjson"), encoding: .utf8)
        for (i, line) in dl.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let fields = obj["fields"] as? [[String: Any]] else { continue }
            var f: [String: String] = [:]
            for field in fields {
                if let name: String = value(field, "name"), let v: String = value(field, "value") {
                    f[String(name.split(separator: "/").last ?? "")] = v
                }
            }
            out["leads/download/hubspot_form_submissions.ndjson#\(i + 1)"] = Raw(first: f["firstname"], last: f["lastname"])
        }
        for (file, sep, firstCol, lastCol) in [("leads/newsletter/mailchimp_subscribed_members_export.csv", UInt8(ascii: ","), "First Name", "Last Name"),
                                               ("leads/newsletter/nieuwsbrief_aanmeldingen_excel.csv", UInt8(ascii: ";"), "Voornaam", "Achternaam")] {
            let rows = csvRows(try Data(contentsOf: dir.appendingPathComponent(file)), separator: sep)
            guard let header = rows.first else { continue }
            let fi = header.firstIndex(of: firstCol), li = header.firstIndex(of: lastCol)
            for (i, row) in rows.dropFirst().enumerated() {
                out["\(file)#\(i + 1)"] = Raw(first: fi.flatMap { $0 < row.count ? row[$0] : nil },
                                              last: li.flatMap { $0 < row.count ? row[$0] : nil })
            }
        }
        return out
    }

    /// Minimal RFC 4180 reader (quoted fields, doubled quotes, embedded newlines, BOM).
    static func csvRows(_ data: Data, separator: UInt8) -> [[String]] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var rows: [[String]] = [], row: [String] = [], field: [UInt8] = []
        var inQuotes = false, i = 0
        func endField() { row.append(String(decoding: field, as: UTF8.self)); field.removeAll() }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { inQuotes = false }
                } else { field.append(b) }
            } else if b == UInt8(ascii: "\"") { inQuotes = true
            } else if b == separator { endField()
            } else if b == UInt8(ascii: "\n") { endField(); rows.append(row); row = []
            } else if b != UInt8(ascii: "\r") { field.append(b) }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { endField(); rows.append(row) }
        return rows
    }
}

extension DevCorpusCleaningTests {
    @Test func namesMatchTruth() throws {
        let raw = try DevRawNames.all()
        var n = 0, ok = 0, exact = 0
        for lead in try CleaningFixtures.truthLeads() {
            guard value(lead, "record_status") == "ok",
                  let source = lead["source"] as? [String: Any], let file: String = value(source, "file"),
                  let record: Int = value(source, "record"), let r = raw["\(file)#\(record)"] else { continue }
            n += 1
            let got = PersonNameCleaner.clean(first: r.first, last: r.last, full: r.full)
            let want = [value(lead, "first_name", as: String.self), value(lead, "last_name"), value(lead, "full_name")]
            let have = [got.first, got.last, got.full]
            if have.map({ $0?.lowercased() }) == want.map({ $0?.lowercased() }) { ok += 1 } else {
                print("DEV name: \(r.first ?? "-")/\(r.last ?? "-")/\(r.full ?? "-") got \(have) want \(want)")
            }
            if have == want { exact += 1 }
        }
        print("DEV names: \(n) leads; match (case-insensitive) \(Double(ok) / Double(n)), exact casing \(Double(exact) / Double(n))")
        #expect(n > 250)
        #expect(ok == n)
    }
}
