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
        var keywords: [(String, Double)]
    }
    let threshold: Double
    let sourceWeights: [String: Double]
    let rules: [Rule]

    init(_ f: IndustryFile, file: String) throws(LeadsmithError) {
        threshold = f.threshold
        sourceWeights = f.sources
        var list: [Rule] = []
        for key in f.industries.keys.sorted() {
            guard let industry = Industry(rawValue: key) else {
                throw LeadsmithError(.badRules, "unknown industry '\(key)' (use the PRODUCT.md vocabulary)", file: file)
            }
            let e = f.industries[key]!
            list.append(Rule(industry: industry, types: Set((e.jsonldTypes ?? []).map { $0.lowercased() }),
                             keywords: e.keywords.map { (Self.fold($0.key), $0.value) }.sorted { $0.0 < $1.0 }))
        }
        rules = list
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    /// The best industry and its score, or `nil` below the threshold.
    /// - Parameter texts: source name (`description`, `title`, …) → texts.
    func classify(types: [String], texts: [String: [String]]) -> (Industry, Double, String)? {
        let folded = texts.mapValues { $0.map(Self.fold).joined(separator: "\n") }
        var best: (Industry, Double, String)?
        for r in rules {
            var score = 0.0
            var why = ""
            for t in types where r.types.contains(t.lowercased()) {
                score += sourceWeights["jsonld_type"] ?? 3
                why = "@type " + t
            }
            // Sorted: dictionary order differs between runs, and the evidence (first match) must not.
            for (source, text) in folded.sorted(by: { $0.key < $1.key }) where !text.isEmpty {
                let w = sourceWeights[source] ?? 0.5
                for (kw, kwWeight) in r.keywords where text.contains(kw) {
                    score += w * kwWeight
                    if why.isEmpty { why = source + ": " + kw }
                }
            }
            if score > (best?.1 ?? 0) { best = (r.industry, score, why) }
        }
        guard let best, best.1 >= threshold else { return nil }
        return best
    }
}
