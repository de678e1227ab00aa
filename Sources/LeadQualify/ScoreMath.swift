/// Rounding and apportioning so that a score is exactly the sum of its reasons' points.
enum ScoreMath {
    /// Round half up (`16.5` → 17), tolerant of floating-point noise in sums such as `1.5 + 15`.
    static func roundHalfUp(_ x: Double) -> Int {
        Int((x + 0.5 + 1e-9).rounded(.down))
    }

    /// Integer shares of `parts` (all ≥ 0) that add up to `total`, by largest remainder (ties: earlier part).
    static func apportion(_ parts: [Double], total: Int) -> [Int] {
        var shares = parts.map { Int(($0 + 1e-9).rounded(.down)) }
        var left = total - shares.reduce(0, +)
        if left > 0 {
            let order = parts.indices.sorted {
                let a = parts[$0] - Double(shares[$0]), b = parts[$1] - Double(shares[$1])
                return a != b ? a > b : $0 < $1
            }
            for i in order where left > 0 {
                shares[i] += 1
                left -= 1
            }
        }
        while left < 0, let i = shares.indices.max(by: { shares[$0] < shares[$1] || (shares[$0] == shares[$1] && $0 > $1) }), shares[i] > 0 {
            shares[i] -= 1
            left += 1
        }
        return shares
    }
}
