import Foundation
import LeadCore

struct IndustryFile: Decodable {
    struct Entry: Decodable {
        var jsonldTypes: [String]?
        var keywords: [String: Double]
        enum CodingKeys: String, CodingKey {
            case keywords
            case jsonldTypes = "jsonld_types"
        }
    }
    var threshold: Double
    var sources: [String: Double]
    var industries: [String: Entry]
}

/// Keyword-weighted industry classification (`rules/industries.yaml`).
struct IndustryRules: Sendable {
    struct Rule: Sendable {
        var industry: Industry
        var types: Set<String>
        /// Keyword index in ``keywords`` and weight, in keyword order.
        var keywords: [(Int, Double)]
    }
    let threshold: Double
    let sourceWeights: [String: Double]
    let rules: [Rule]
    /// Every rule's keywords (folded), once each.
    let keywords: [String]
    /// All keywords, found in one pass over a text.
    let matcher: MultiMatcher

    init(_ f: IndustryFile, file: String) throws(LeadsmithError) {
        threshold = f.threshold
        sourceWeights = f.sources
        var list: [Rule] = []
        var keywordIndex: [String: Int] = [:]
        var keywordList: [String] = []
        for key in f.industries.keys.sorted() {
            guard let industry = Industry(rawValue: key) else {
                throw LeadsmithError(.badRules, "unknown industry '\(key)' (use the PRODUCT.md vocabulary)", file: file)
            }
            let e = f.industries[key]!
            let weighted = e.keywords.map { (Self.fold($0.key), $0.value) }.filter { !$0.0.isEmpty }.sorted { $0.0 < $1.0 }
            var indexed: [(Int, Double)] = []
            for (kw, weight) in weighted {
                let i = keywordIndex[kw] ?? keywordList.count
                if i == keywordList.count {
                    keywordIndex[kw] = i
                    keywordList.append(kw)
                }
                indexed.append((i, weight))
            }
            list.append(Rule(industry: industry, types: Set((e.jsonldTypes ?? []).map { $0.lowercased() }), keywords: indexed))
        }
        rules = list
        keywords = keywordList
        matcher = MultiMatcher(keywordList, ignoringASCIICase: false)
    }

    static func fold(_ s: String) -> String {
        TextFold.fold(s)
    }

    /// The best industry and its score, or `nil` below the threshold.
    /// - Parameter texts: source name (`description`, `title`, …) → texts.
    func classify(types: [String], texts: [String: [String]]) -> (Industry, Double, String)? {
        // One pass per source text finds every keyword it contains.
        var found: [(source: String, weight: Double, seen: [Bool])] = []
        var folded: [UInt8] = []
        for source in texts.keys.sorted() {
            folded.removeAll(keepingCapacity: true)
            for (i, text) in (texts[source] ?? []).enumerated() {
                if i > 0 { folded.append(0x0A) }
                TextFold.appendFolded(text, to: &folded)
            }
            guard !folded.isEmpty else { continue }
            var seen = [Bool](repeating: false, count: keywords.count)
            folded.withUnsafeBufferPointer { matcher.scan($0) { seen[$0] = true } }
            found.append((source, sourceWeights[source] ?? 0.5, seen))
        }
        var best: (Industry, Double, String)?
        for r in rules {
            var score = 0.0
            var why = ""
            for t in types where r.types.contains(t.lowercased()) {
                score += sourceWeights["jsonld_type"] ?? 3
                why = "@type " + t
            }
            for (source, w, seen) in found {
                for (kw, kwWeight) in r.keywords where seen[kw] {
                    score += w * kwWeight
                    if why.isEmpty { why = source + ": " + keywords[kw] }
                }
            }
            if score > (best?.1 ?? 0) { best = (r.industry, score, why) }
        }
        guard let best, best.1 >= threshold else { return nil }
        return best
    }
}
