import LeadTestSupport
import Testing
@testable import LeadQualify

/// The timeline reader skips a word with one array read (``BANTCues/mayBeTimelineWord(_:_:)``); that
/// read must say yes exactly for the quarter, month and unit words the three look-ups it saves find.
struct TimelineWordTableTests {
    @Test func theIDTableMarksExactlyTheQuarterMonthAndUnitWords() throws {
        let cues = try #require(TestSupport.extractor).cues
        #expect(cues.timelineWordIDs != nil)
        let marked = Array(cues.quarterWords) + Array(cues.months.keys) + Array(cues.units.keys)
        #expect(marked.count > 50)   // every language's months at least
        // the words themselves, other cue words, near misses (prefix, suffix, case, accents, NFC/NFD)
        var pool = marked + cues.vocabulary.words + cues.vocabulary.prefixes
        pool += marked.flatMap { [$0 + "s", String($0.dropLast()), $0.uppercased(), "x" + $0] }
        pool += ["q3", "h1", "t2", "40", "€", "janvier", "fevrier", "f\u{00E9}vrier", "fe\u{0301}vrier", "maj", "m\u{0101}j", "", "xyz"]
        var rng = SplitMix64(state: 12)
        var yes = 0
        for _ in 0..<200 {
            let words = (0..<(1 + Int(rng.next() % 10))).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
            let cueWords = CueWords(words, vocabulary: cues.vocabulary)
            for (w, word) in words.enumerated() {
                let want = cues.quarterWords.contains(word) || cues.months[word] != nil || cues.units[word] != nil
                #expect(cues.mayBeTimelineWord(cueWords, w) == want, "\(word.debugDescription)")
                if want { yes += 1 }
            }
        }
        #expect(yes > 100)
    }
}
