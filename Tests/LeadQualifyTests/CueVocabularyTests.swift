import Foundation
import LeadTestSupport
import Testing
@testable import LeadQualify

/// The numbered cue words (``CueVocabulary``, ``CueWords``) and the id-based ``CueList`` must match exactly
/// what comparing the phrase texts word by word matches.
struct CueVocabularyTests {
    /// The phrase-text matcher the id tables replace: `String` equality and `hasPrefix` per word.
    static func reference(_ elements: [CuePhrase.Element], _ e: Int, _ words: [String], _ w: Int) -> Int? {
        if e == elements.count { return w }
        switch elements[e] {
        case .word(let x):
            guard w < words.count, words[w] == x else { return nil }
            return reference(elements, e + 1, words, w + 1)
        case .prefix(let x):
            guard w < words.count, words[w].hasPrefix(x) else { return nil }
            return reference(elements, e + 1, words, w + 1)
        case .start:
            guard w == 0 else { return nil }
            return reference(elements, e + 1, words, w)
        case .gap:
            for skip in 0...3 where w + skip <= words.count {
                if let end = reference(elements, e + 1, words, w + skip) { return end }
            }
            return nil
        }
    }

    static func referenceMatches(_ list: CueList, _ words: [String]) -> [CueList.Match] {
        var found: [CueList.Match] = []
        for start in words.indices {
            for (p, phrase) in list.phrases.enumerated() {
                if let end = reference(phrase.elements, 0, words, start) {
                    found.append(CueList.Match(start: start, end: end, phrase: p, value: list.values[p]))
                }
            }
        }
        return found.sorted { ($0.start, -$0.end, $0.phrase) < ($1.start, -$1.end, $1.phrase) }
    }

    @Test func prefixHitsFollowHasPrefix() {
        let v = CueVocabulary()
        let ids = ["vertrieb", "ver", "v", "vertriebsteam", "zl", "ciąg"].map(v.internPrefix)
        #expect(ids == [0, 1, 2, 3, 4, 5])
        #expect(v.internPrefix("ver") == 1)
        for word in ["vertriebler", "vertrieb", "verkauf", "v", "x", "vertriebsteams", "zloty", "ciągu", "ciag", "év", ""] {
            var hits: [Int32] = []
            v.appendPrefixes(of: word, to: &hits)
            let want = v.prefixes.indices.filter { word.hasPrefix(v.prefixes[$0]) }.map(Int32.init)
            #expect(hits.sorted() == want, "\(word)")
        }
    }

    @Test func wordIdsAndSlices() {
        let v = CueVocabulary()
        let a = v.intern("my"), b = v.intern("boss"), c = v.intern("decides")
        #expect(v.intern("boss") == b)
        #expect(Set([a, b, c]).count == 3)
        let words = CueWords(["so", "my", "boss", "decides"], vocabulary: v)
        #expect(words.count == 4)
        #expect(words.id(0) == CueVocabulary.unknown)
        #expect(words.id(2) == b)
        let tail = words.slice(1..<4)
        #expect(tail.count == 3 && tail.id(0) == a && tail.id(2) == c)

        var list = CueList()
        list.add("^ my * decides", vocabulary: v)
        #expect(list.matches(in: words).isEmpty)          // "my" is not the first word of the sentence
        #expect(list.matches(in: tail) == [CueList.Match(start: 0, end: 3, phrase: 0, value: 0)])   // of the clause it is
    }

    /// Every list of the real cue files, on sentences built from their own words, prefixes extended,
    /// unknown words, numbers and gaps: the same matches as the phrase-text matcher, in the same order.
    @Test func realCueListsMatchLikeThePhraseTexts() throws {
        let extractor = try #require(TestSupport.extractor)
        let cues = extractor.cues
        let lists: [CueList] = [cues.currencies, cues.budgetKeywords, cues.maxBefore, cues.maxAfter, cues.minBefore, cues.exceed,
                                cues.periodYear, cues.periodMonth, cues.counted, cues.decisionMaker, cues.influencer, cues.decision,
                                cues.speaker, cues.others, cues.needing, cues.consult, cues.shared, cues.thirdParties,
                                cues.notDecision, cues.selfIntro, cues.people, cues.things, cues.notTeam, cues.asap, cues.exploring,
                                cues.before, cues.within, cues.monthCues, cues.purchase, cues.forward, cues.support]
            + cues.needFunctions.map(\.cues)
        var pool: [String] = cues.vocabulary.words + cues.vocabulary.prefixes.flatMap { [$0, $0 + "s", $0 + "team", $0 + "ą"] }
        pool += ["the", "and", "40", "10.000", "€", "?", "zł", "ciągu", "straße", "xyz", "ja", "ik"]
        var rng = SplitMix64(state: 11)
        var checked = 0
        var prefixFirst = 0   // matches of phrases whose first element is a prefix (their own look-up table)
        for _ in 0..<400 {
            let length = 1 + Int(rng.next() % 12)
            var words: [String] = []
            for _ in 0..<length {
                // mostly words of one phrase in a row, so that multi-word phrases and gaps occur
                if rng.next() % 3 == 0, let list = lists.randomElement(using: &rng), !list.phrases.isEmpty {
                    let phrase = list.phrases[Int(rng.next() % UInt64(list.phrases.count))]
                    for e in phrase.elements {
                        switch e {
                        case .word(let w): words.append(w)
                        case .prefix(let p): words.append(p + (rng.next() % 2 == 0 ? "" : "en"))
                        case .gap: words.append(pool[Int(rng.next() % UInt64(pool.count))])
                        case .start: break
                        }
                    }
                } else {
                    words.append(pool[Int(rng.next() % UInt64(pool.count))])
                }
            }
            let cueWords = CueWords(words, vocabulary: cues.vocabulary)
            for list in lists {
                let want = Self.referenceMatches(list, words)
                #expect(list.matches(in: cueWords) == want, "\(words)")
                #expect(list.occurs(in: cueWords) == !want.isEmpty, "\(words)")
                checked += want.count
                prefixFirst += want.filter { m in
                    if case .prefix? = list.phrases[m.phrase].elements.first(where: { $0 != .start }) { return true }
                    return false
                }.count
                if words.count > 2 {
                    let r = 1..<words.count
                    #expect(list.matches(in: cueWords.slice(r)) == Self.referenceMatches(list, Array(words[r])), "\(words[r])")
                }
            }
        }
        #expect(checked > 200)   // the sentences do contain cue phrases
        #expect(prefixFirst > 20)   // … and phrases that start with a prefix
    }
}

