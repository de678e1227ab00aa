/// A statement of how many people a company employs.
public struct EmployeeCount: Sendable, Equatable, Hashable, Codable {
    /// How precise the statement is.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// "45 employees"
        case exact
        /// "about 45", "rund 45", "zo'n 45"
        case approx
        /// "50–200 employees", "between 50 and 200"
        case range
        /// "over 200", "200+", "ruim 200", "10k+"
        case lowerBound = "lower_bound"
    }

    public var kind: Kind
    public var min: Int
    /// `nil` for a lower bound.
    public var max: Int?

    public init(kind: Kind, min: Int, max: Int?) {
        self.kind = kind
        self.min = min
        self.max = max
    }

    /// The size bucket by PRODUCT.md's rule: exact/approx → bucket(N); range → bucket(⌊(A+B)/2⌋);
    /// lower bound → bucket(N+1).
    public var bucket: SizeBucket {
        switch kind {
        case .exact, .approx: return SizeBucket(count: min)
        case .range: return SizeBucket(count: (min + (max ?? min)) / 2)
        case .lowerBound: return SizeBucket(count: min + 1)
        }
    }

    /// Precision order used to break ties between statements of the same source: exact first.
    public var precisionRank: Int {
        switch kind {
        case .exact: return 0
        case .approx: return 1
        case .range: return 2
        case .lowerBound: return 3
        }
    }
}
