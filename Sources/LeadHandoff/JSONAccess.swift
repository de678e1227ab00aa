public import LeadCore

extension JSONValue {
    /// The value at `key` of an object (`nil` for other values or a missing key).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first(where: { $0.0 == key })?.1
    }

    /// The value at a dotted path (`company.address.city`).
    public func at(_ path: String) -> JSONValue? {
        var v: JSONValue? = self
        for part in path.split(separator: ".") { v = v?[String(part)] }
        return v
    }

    /// A string, or a number/bool as text; `nil` for null, arrays and objects.
    public var text: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return JSONValue.double(d).serialized
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// An integer (a whole double counts).
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: return Int(d)
        default: return nil
        }
    }

    /// A number as a double.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The items of an array (empty otherwise).
    public var items: [JSONValue] {
        if case .array(let a) = self { return a }
        return []
    }

    /// The pairs of an object (empty otherwise).
    public var pairs: [(String, JSONValue)] {
        if case .object(let p) = self { return p }
        return []
    }
}

extension JSONValue {
    /// The value at a `/`-separated path of object keys and array indexes (`fill/person.title/rate`,
    /// `score_histogram/3/leads`): keys may contain dots.
    public func pointer(_ path: String) -> JSONValue? {
        var v: JSONValue? = self
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            let key = String(part)
            switch v {
            case .array(let a)?:
                guard let i = Int(key), a.indices.contains(i) else { return nil }
                v = a[i]
            case .object?:
                v = v?[key]
            default:
                return nil
            }
        }
        return v
    }
}
