import LeadCore

/// Per-reader memo of name lookups: the same field and key names repeat on every record, so their
/// matching keys and canonical names are computed once. Bounded so memory stays flat on inputs
/// with endless distinct names.
final class NameResolver {
    let headers: HeaderSynonyms
    private var keys: [String: String] = [:]
    private var canonicals: [String: String?] = [:]
    private static let limit = 4096

    init(_ headers: HeaderSynonyms) {
        self.headers = headers
    }

    /// ``HeaderSynonyms/key(_:)``, memoised.
    func key(_ name: String) -> String {
        if let k = keys[name] { return k }
        let k = HeaderSynonyms.key(name)
        if keys.count >= Self.limit { keys.removeAll(keepingCapacity: true) }
        keys[name] = k
        return k
    }

    /// ``HeaderSynonyms/canonical(_:)``, memoised.
    func canonical(_ name: String) -> String? {
        if let c = canonicals[name] { return c }
        let c = headers.canonical(name)
        if canonicals.count >= Self.limit { canonicals.removeAll(keepingCapacity: true) }
        canonicals[name] = .some(c)
        return c
    }

    /// ``HeaderSynonyms/bool(_:)`` for JSON values.
    func bool(_ value: JSONValue) -> Bool? { headers.bool(value) }
}
