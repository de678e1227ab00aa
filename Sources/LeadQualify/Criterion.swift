import Foundation
import LeadCore

/// A compiled regular expression shared across threads (matching an immutable `NSRegularExpression` is thread-safe).
final class CompiledRegex: @unchecked Sendable {
    let regex: NSRegularExpression
    let pattern: String
    init(_ regex: NSRegularExpression, pattern: String) {
        self.regex = regex
        self.pattern = pattern
    }

    func matches(_ s: String) -> Bool {
        regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }
}

/// One test on one lead field: `equals`, `in`, `range`, `at_least`, `at_most`, `regex`, `exists` or `table`.
struct Matcher: Sendable {
    enum Test: Sendable {
        case equals(String)
        case oneOf([String])
        case range(min: Double?, max: Double?)
        case atLeast(rank: Int, order: [String])
        case atMost(rank: Int, order: [String])
        case regex(CompiledRegex)
        case exists(Bool)
        /// value (lower-cased) → percent of the weight; `default` for values not listed.
        case table([String: Double], default: Double?)
    }

    var test: Test

    /// The share (0...1) of the weight a present value earns; `nil` when the value does not match at all.
    func share(of value: JSONValue) -> Double? {
        // lower-cased texts only for the tests that compare them
        var texts: [String] {
            if case .string(let s) = value { return [s.lowercased()] }
            return value.scalarTexts.map { $0.lowercased() }
        }
        switch test {
        case .equals(let x):
            return texts.contains(x) ? 1 : nil
        case .oneOf(let list):
            return texts.contains(where: list.contains) ? 1 : nil
        case .range(let lo, let hi):
            guard let n = value.numberValue else { return nil }
            if let lo, n < lo { return nil }
            if let hi, n > hi { return nil }
            return 1
        case .atLeast(let rank, let order):
            guard let t = texts.first, let r = order.firstIndex(of: t) else { return nil }
            return r >= rank ? 1 : nil
        case .atMost(let rank, let order):
            guard let t = texts.first, let r = order.firstIndex(of: t) else { return nil }
            return r <= rank ? 1 : nil
        case .regex(let re):
            return value.scalarTexts.contains(where: re.matches) ? 1 : nil
        case .exists(let wanted):
            return wanted ? 1 : nil          // called only for present values
        case .table(let table, let fallback):
            // arrays: the best-scoring element
            let shares = texts.compactMap { table[$0] ?? fallback }
            return shares.max().map { $0 / 100 }
        }
    }

    /// The best share this matcher can give (for the "100 reachable" check).
    var maximumShare: Double {
        if case .table(let table, let fallback) = test {
            return max(table.values.max() ?? 0, fallback ?? 0) / 100
        }
        return 1
    }

    /// Whether a missing value matches (`exists: false`).
    var matchesMissing: Bool {
        if case .exists(false) = test { return true }
        return false
    }
}

/// A weighted fit criterion, a disqualifier or a proxy: an id, a field path and a matcher.
struct Criterion: Sendable {
    var id: String
    var field: String
    var path: [Substring]
    var matcher: Matcher
    /// Fit weight, or the points of a proxy; 0 for disqualifiers.
    var weight: Double
    /// For proxies: the BANT letter it stands in for.
    var letter: String?
}
