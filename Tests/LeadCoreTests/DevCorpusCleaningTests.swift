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
