import LeadCore

extension JSONValue {
    /// The value at a dotted path (`company.size_bucket`), `nil` when a step is absent or not an object.
    func value(at path: [Substring]) -> JSONValue? {
        var current = self
        for key in path {
            guard case .object(let pairs) = current, let next = pairs.first(where: { $0.0 == key })?.1 else { return nil }
            current = next
        }
        return current
    }

    /// The value at a dotted path already split into keys (``CompiledCriterion``).
    func value(at path: [String]) -> JSONValue? {
        var current = self
        for key in path {
            guard case .object(let pairs) = current, let next = pairs.first(where: { $0.0 == key })?.1 else { return nil }
            current = next
        }
        return current
    }

    /// The value at `path` of an object, `nil` when absent.
    subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// Whether the value counts as missing data: null, an empty string, array or object.
    var isEmptyValue: Bool {
        switch self {
        case .null: return true
        case .string(let s): return s.trimmingCharactersASCIIWhitespace().isEmpty
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        default: return false
        }
    }

    /// The canonical text of a scalar (`1`, `true`, `51-200`); `nil` for null, arrays and objects.
    var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// The number of a numeric value (or a numeric string).
    var numberValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s): return Double(s.trimmingCharactersASCIIWhitespace())
        default: return nil
        }
    }

    /// The scalar texts of a value: itself, or the elements of an array.
    var scalarTexts: [String] {
        if case .array(let items) = self { return items.compactMap(\.scalarText) }
        return scalarText.map { [$0] } ?? []
    }

    /// Readable evidence text: the scalar, or array elements joined with ", ".
    var evidenceText: String? {
        if case .array = self { let t = scalarTexts; return t.isEmpty ? nil : t.joined(separator: ", ") }
        if case .object = self { return serialized }
        return scalarText
    }
}
