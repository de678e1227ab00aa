import LeadCore

/// Classifies one NDJSON line: a JSON object, or the reject reason the truth uses.
enum NDJSONLine {
    enum Outcome {
        case object([(String, JSONValue)], repairedUTF8: Bool)
        case reject(code: String, reason: String)
    }

    static func classify(_ line: [UInt8]) -> Outcome {
        var start = 0
        if line.starts(with: TextDecoding.bom) { start = 3 }
        var first: UInt8?
        for b in line[start...] where !(b == 0x20 || b == 0x09 || b == 0x0D) {
            first = b
            break
        }
        guard let first else {
            return .reject(code: IntakeReject.Reason.blankLine, reason: "blank line")
        }
        let (value, failure, repaired) = JSONParser.parseWhole(line, start: start)
        if let value {
            if case .object(let pairs) = value { return .object(pairs, repairedUTF8: repaired) }
            return .reject(code: IntakeReject.Reason.notAnObject, reason: "valid JSON but not an object (\(kindName(value)))")
        }
        let opensValue = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        if failure == .unexpectedEnd && opensValue {
            return .reject(code: IntakeReject.Reason.truncatedJSON, reason: "JSON object cut off before its end")
        }
        if opensValue {
            return .reject(code: IntakeReject.Reason.notJSON, reason: "malformed JSON")
        }
        if first == UInt8(ascii: "<") {
            return .reject(code: IntakeReject.Reason.notJSON, reason: "not JSON (looks like HTML/XML)")
        }
        return .reject(code: IntakeReject.Reason.notJSON, reason: "not JSON (e.g. a log line)")
    }

    static func kindName(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The line as text for `raw` (capped).
    static func rawText(_ line: [UInt8]) -> String {
        TextDecoding.capped(String(decoding: line, as: UTF8.self))
    }
}

/// Object key lookup by matching key (see ``HeaderSynonyms``).
struct KeyedObject {
    let pairs: [(key: String, name: String, value: JSONValue)]

    init(_ pairs: [(String, JSONValue)], names: NameResolver? = nil) {
        if let names {
            self.pairs = pairs.map { (names.key($0.0), $0.0, $0.1) }
        } else {
            self.pairs = pairs.map { (HeaderSynonyms.key($0.0), $0.0, $0.1) }
        }
    }

    /// The first pair whose matching key is one of `keys` (in the order of `keys`).
    func first(_ keys: [String]) -> (name: String, value: JSONValue)? {
        for k in keys {
            if let p = pairs.first(where: { $0.key == k }) { return (p.name, p.value) }
        }
        return nil
    }
}
