import Foundation
import LeadCore
import Testing
@testable import LeadIntake

/// Reading the dev corpus yields exactly the truth's lead record numbers, truncated flags, source ids
/// and reject lines. Runs only with `LEADSMITH_DEV_CORPUS=/work/shared/corpus/dev`.
struct DevCorpusTests {
    static let corpus = ProcessInfo.processInfo.environment["LEADSMITH_DEV_CORPUS"]

    struct Expected {
        var leads: [String: [(record: Int, truncated: Bool, sourceID: String?, emailRaw: String?, emailSource: String?, consent: Bool?)]] = [:]
        var rejects: [String: [(line: Int, reason: String)]] = [:]
        var files: [String] = []
    }

    static func expected(_ dir: String) throws -> Expected {
        var e = Expected()
        let text = try String(contentsOfFile: dir + "/truth.ndjson", encoding: .utf8)
        for line in text.split(separator: "\n") {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let type = obj["type"] as? String else { continue }
            switch type {
            case "meta":
                e.files = obj["lead_files"] as? [String] ?? []
            case "lead":
                let s = obj["source"] as? [String: Any] ?? [:]
                let file = s["file"] as? String ?? ""
                e.leads[file, default: []].append((s["record"] as? Int ?? -1, (obj["record_status"] as? String) == "truncated",
                                                   s["source_id"] as? String, obj["email_raw"] as? String,
                                                   obj["email_source"] as? String, obj["consent"] as? Bool))
            case "reject":
                let s = obj["source"] as? [String: Any] ?? [:]
                e.rejects[s["file"] as? String ?? "", default: []].append((s["line"] as? Int ?? -1, obj["reason"] as? String ?? ""))
            default:
                break
            }
        }
        return e
    }

    @Test(.enabled(if: corpus != nil))
    func devFilesMatchTruth() throws {
        let dir = try #require(Self.corpus)
        let expected = try Self.expected(dir)
        #expect(expected.files.count == 4)
        for file in expected.files {
            // Detection only: the folder name is not used.
            let items = try Support.readAll(dir + "/" + file)
            let records = items.records
            let leads = expected.leads[file] ?? []
            #expect(!leads.isEmpty && records.count == leads.count, "lead count of \(file)")
            print("dev \(file): \(records.count) records (\(records.filter(\.truncated).count) truncated), \(items.rejects.count) rejects")
            #expect(records.map(\.record) == leads.map(\.record), "record numbers of \(file)")
            #expect(records.map(\.truncated) == leads.map(\.truncated), "truncated flags of \(file)")
            for (r, lead) in zip(records, leads) where !lead.truncated {
                #expect(r.sourceID == lead.sourceID, "source id of \(file) #\(r.record)")
                #expect(r.consent == lead.consent, "consent of \(file) #\(r.record)")
                if lead.emailSource == "field" {
                    #expect(r.fields["email"]?.trimmingCharacters(in: .whitespaces) == lead.emailRaw?.trimmingCharacters(in: .whitespaces),
                            "email of \(file) #\(r.record)")
                }
            }
            let rejects = items.rejects
            let truthRejects = expected.rejects[file] ?? []
            #expect(rejects.map(\.record) == truthRejects.map(\.line), "reject lines of \(file)")
            #expect(rejects.map(\.reasonCode) == truthRejects.map(\.reason), "reject reasons of \(file)")
        }
    }
}
