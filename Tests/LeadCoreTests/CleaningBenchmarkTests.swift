import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import LeadCore

/// Throughput of the cleaners on 100k synthetic records; run with `LEADSMITH_BENCH=1`
/// (prefer `-c release --no-parallel`). Prints thread CPU time per record.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["LEADSMITH_BENCH"] != nil, "set LEADSMITH_BENCH=1"))
struct CleaningBenchmarkTests {
    static let n = 100_000

    /// CPU time of the calling thread (robust against other processes on a shared machine).
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func time(_ label: String, _ body: () -> Int) {
        let start = threadCPUSeconds()
        let checksum = body()
        let seconds = threadCPUSeconds() - start
        print("BENCH \(label): \(n) in \(String(format: "%.3f", seconds)) s CPU = \(Int(Double(n) / seconds))/s, \(String(format: "%.1f", seconds * 1e6 / Double(n))) µs each (checksum \(checksum))")
    }

    @Test func emails() {
        let raws = ["  Jan.De.Vries@ACME.NL ", "priya.patel+x@gmail.com", "Lea Çelik <sales@lernhilfe.eu>",
                    "juergen.fischer@schäfer-mode.at", "mgirard@wanadoo..fr", "mailto:info@acme.co.uk", "jan@acme.con"]
        let c = CleaningFixtures.emailClassifier
        Self.time("email parse+flags") {
            var k = 0
            for i in 0..<Self.n {
                let e = EmailParser.parse(raws[i % raws.count] + (i % 3 == 0 ? "" : ""))
                if c.flags(e).type == .corporate { k += 1 }
            }
            return k
        }
    }

    @Test func titles() {
        let raws = ["Head of Sales | EMEA", "Geschäftsführerin", "Sr. Account Exec", "Directeur des systèmes d'information",
                    "VERKOOPMANAGER", "CEO & Co-Founder", "Assistante de direction (Benelux)", "Software Engineer",
                    "Responsabile Commerciale", "Kierownik Sprzedaży"]
        let t = CleaningFixtures.titles
        Self.time("title normalize") {
            var k = 0
            for i in 0..<Self.n where t.normalize(raws[i % raws.count])?.seniority == .head { k += 1 }
            return k
        }
    }

    @Test func names() {
        let raws: [(String?, String?)] = [("ŁUKASZ", "WIŚNIEWSKI"), ("íñigo ✨", "lópez"), ("Sabine Schmidt", ""),
                                          ("femke", "van der meer"), ("NOAH", "O'CONNOR")]
        Self.time("name clean") {
            var k = 0
            for i in 0..<Self.n {
                let r = raws[i % raws.count]
                k += PersonNameCleaner.clean(first: r.0, last: r.1, full: nil).full?.count ?? 0
            }
            return k
        }
    }

    @Test func transcripts() {
        let msgs = ["Hello, quick question about pricing.", "I'm head of product over at Patel Realty, btw.",
                    "We're a team of roughly 50 sales reps.", "Ideally by the end of October.",
                    "you can reach me at ojohnson@patel-realty.com"]
        let t = CleaningFixtures.titles
        Self.time("transcript email+title (5 messages)") {
            var k = 0
            for _ in 0..<Self.n {
                if TranscriptFacts.email(inVisitorMessages: msgs) != nil { k += 1 }
                if TranscriptFacts.jobTitle(inVisitorMessages: msgs, normalizer: t) != nil { k += 1 }
            }
            return k
        }
    }
}
