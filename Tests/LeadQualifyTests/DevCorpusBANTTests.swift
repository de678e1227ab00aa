import Foundation
import LeadCore
import Testing
@testable import LeadQualify

/// BANT on the dev corpus's chatbot conversations, compared per letter as `eval/score.py` does.
/// Runs only when `LEADSMITH_DEV_CORPUS` points at the corpus (CI runs without it).
@Suite(.enabled(if: TestSupport.devCorpus != nil, "set LEADSMITH_DEV_CORPUS to the dev corpus"))
struct DevCorpusBANTTests {
    typealias Tuple = [String]

    static func num(_ v: Any?) -> String {
        if let d = v as? Double { return d == d.rounded() ? String(Int(d)) : String(d) }
        if let i = v as? Int { return String(i) }
        return "null"
    }

    static func str(_ v: Any?) -> String { (v as? String) ?? "null" }

    @Test func bantLettersMatchTheTruth() throws {
        let corpus = try #require(TestSupport.devCorpus)
        let extractor = try #require(TestSupport.extractor)
        var truth: [String: [String: Any]] = [:]
        for o in try TestSupport.ndjson(corpus.appendingPathComponent("truth.ndjson")) where o["type"] as? String == "lead" {
            guard let src = o["source"] as? [String: Any], src["kind"] as? String == "chatbot",
                  let file = src["file"] as? String, let record = src["record"] as? Int else { continue }
            truth["\(file)#\(record)"] = o
        }
        let chatDir = corpus.appendingPathComponent("leads/chatbot")
        let files = try FileManager.default.contentsOfDirectory(atPath: chatDir.path).filter { $0.hasSuffix(".json") }.sorted()
        var right: [String: Int] = [:]
        var total: [String: Int] = [:]
        var mismatches: [String] = []
        func score(_ name: String, _ ok: Bool) {
            total[name, default: 0] += 1
            if ok { right[name, default: 0] += 1 }
        }
        for file in files {
            let data = try Data(contentsOf: chatDir.appendingPathComponent(file))
            let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let conversations = doc["conversations"] as? [[String: Any]] ?? []
            for (i, conv) in conversations.enumerated() {
                guard let t = truth["leads/chatbot/\(file)#\(i + 1)"], let tb = t["bant"] as? [String: Any] else { continue }
                let texts = (conv["messages"] as? [[String: Any]] ?? []).filter { $0["role"] as? String == "visitor" }
                    .compactMap { $0["text"] as? String }
                let got = extractor.extract(texts: texts, referenceDate: conv["created_at"] as? String)

                let tBudget: Tuple? = (tb["budget"] as? [String: Any]).map { [Self.num($0["min"]), Self.num($0["max"]), Self.str($0["currency"]), Self.str($0["period"])] }
                let oBudget: Tuple? = got.budget.map { [Self.num($0.min), Self.num($0.max), $0.currency ?? "null", $0.period ?? "null"] }
                let tAuth = (tb["authority"] as? String).flatMap { $0 == "unknown" ? nil : $0 }
                let oAuth = got.authority.level == .unknown ? nil : got.authority.level.rawValue
                let tNeed: Tuple? = (tb["need"] as? [String: Any]).map { [Self.num($0["team_size"]), Self.str($0["team_function"])] }
                let oNeed: Tuple? = got.need.map { [Self.num($0.teamSize), $0.teamFunction ?? "null"] }
                let tTime: Tuple? = (tb["timeline"] as? [String: Any]).map { [Self.str($0["deadline"]), "\($0["asap"] as? Bool ?? false)", "\($0["exploring"] as? Bool ?? false)"] }
                let oTime: Tuple? = got.timeline.map { [$0.deadline ?? "null", "\($0.asap)", "\($0.exploring)"] }
                let tSupport = t["support_conversation"] as? Bool ?? false

                let id = "\(file)#\(i + 1)"
                let quotes = tb["quotes"] as? [String: Any] ?? [:]
                func check(_ letter: String, _ ok: Bool, _ want: Any?, _ have: Any?) {
                    score(letter, ok)
                    if !ok { mismatches.append("\(id) \(letter): want \(want ?? "nil") have \(have ?? "nil") — \(quotes[letter] ?? texts.joined(separator: " | "))") }
                }
                check("budget", tBudget == oBudget, tBudget, oBudget)
                if let tBudget { score("budget_exact", oBudget.map { Array($0.prefix(3)) } == Array(tBudget.prefix(3))) }
                check("authority", tAuth == oAuth, tAuth, oAuth)
                check("need", tNeed == oNeed, tNeed, oNeed)
                check("timeline", tTime == oTime, tTime, oTime)
                check("support", tSupport == got.supportConversation, tSupport, got.supportConversation)
            }
        }
        for m in mismatches { print("MISMATCH \(m)") }
        for letter in ["budget", "budget_exact", "authority", "need", "timeline", "support"] {
            let r = right[letter] ?? 0
            let n = total[letter] ?? 0
            print("bant.\(letter): \(r)/\(n) = \(n == 0 ? 0 : Double(r) / Double(n))")
            #expect(n > 0 && Double(r) / Double(n) >= 0.95, "bant.\(letter) \(r)/\(n)")
        }
    }
}
