import Foundation
import LeadCore

/// Size buckets for the self-reported company sizes of forms (`1-5`, `50-100`, `1000+`, `201 - 500`).
///
/// Same rule as for site statements: a range maps by its floored midpoint, `N+` by `N+1`, a single
/// number by itself.
enum SelfReportedSize {
    static func bucket(_ text: String) -> SizeBucket? {
        let cleaned = text.replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
            .replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "")
            .replacingOccurrences(of: " ", with: "")
        func number(_ s: Substring) -> Int? {
            var t = s.lowercased()
            var mult = 1
            if t.hasSuffix("k") { mult = 1000; t.removeLast() }
            return Int(t).map { $0 * mult }
        }
        if cleaned.hasSuffix("+"), let n = number(cleaned.dropLast()) {
            return EmployeeCount(kind: .lowerBound, min: n, max: nil).bucket
        }
        let parts = cleaned.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, let a = number(parts[0]), let b = number(parts[1]), a <= b {
            return EmployeeCount(kind: .range, min: a, max: b).bucket
        }
        if let n = number(Substring(cleaned)) {
            return EmployeeCount(kind: .exact, min: n, max: n).bucket
        }
        return SizeBucket(rawValue: text.trimmingCharacters(in: .whitespaces))
    }
}
