public import Foundation
public import LeadCore
import LeadIntake
import LeadHandoff

/// A JSON Schema (draft 2020-12) validator for the keywords leadsmith's schemas use, so the test
/// suite can check every line it writes against `schemas/`. A keyword it does not know makes
/// validation fail: a schema cannot silently use a rule the tests do not enforce.
public struct SchemaValidator: Sendable {
    let root: JSONValue

    /// A validator for a schema value.
    public init(root: JSONValue) { self.root = root }

    /// Keywords that only annotate.
    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$comment", "$defs", "examples"]
    static let known: Set<String> = ["$ref", "type", "const", "enum", "properties", "required", "additionalProperties",
                                     "propertyNames", "items", "minItems", "minimum", "maximum", "minLength", "pattern"]

    /// Loads `schemas/NAME` from the repository.
    public init(named name: String) throws {
        let url = TestSupport.repoRoot.appendingPathComponent("schemas").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let root = JSONText.parse(text) else { throw CocoaError(.fileReadCorruptFile) }
        self.root = root
    }

    /// The schema of `leadsmith/lead@1` lines.
    public static let lead = try! SchemaValidator(named: "lead-1.schema.json")
    /// The schema of `leadsmith/reject@1` lines.
    public static let reject = try! SchemaValidator(named: "reject-1.schema.json")

    /// Every violation of one value, as `path: message`.
    public func errors(_ value: JSONValue) -> [String] {
        var out: [String] = []
        check(value, root, "$", &out)
        return out
    }

    /// Every violation in NDJSON text, as `line N: path: message`.
    public func errors(ndjson text: String) -> [String] {
        var out: [String] = []
        for (i, line) in text.split(separator: "\n").enumerated() {
            guard let v = JSONText.parse(String(line)) else { out.append("line \(i + 1): not JSON"); continue }
            out += errors(v).map { "line \(i + 1): \($0)" }
        }
        return out
    }

    func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        return root.pointer(String(ref.dropFirst(2)))
    }

    static func typeName(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double(let d): return d == d.rounded() ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    func check(_ v: JSONValue, _ schema: JSONValue, _ path: String, _ out: inout [String]) {
        if case .bool(let b) = schema {
            if !b { out.append("\(path): not allowed") }
            return
        }
        guard case .object(let keywords) = schema else { out.append("\(path): schema is not an object"); return }
        for (k, _) in keywords where !Self.known.contains(k) && !Self.annotations.contains(k) {
            out.append("\(path): schema keyword '\(k)' is not supported by the test validator")
        }
        if let ref = schema["$ref"]?.text {
            guard let target = resolve(ref) else { out.append("\(path): unresolvable $ref \(ref)"); return }
            check(v, target, path, &out)
        }
        let t = Self.typeName(v)
        if let type = schema["type"] {
            let allowed = type.items.isEmpty ? [type.text ?? ""] : type.items.compactMap(\.text)
            if !allowed.contains(t) && !(t == "integer" && allowed.contains("number")) {
                out.append("\(path): \(t) is not \(allowed.joined(separator: " or "))")
                return
            }
        }
        if let c = schema["const"], c != v { out.append("\(path): is not the constant \(c.serialized)") }
        if let e = schema["enum"], !e.items.contains(v) { out.append("\(path): \(v.serialized) is not one of \(e.serialized)") }
        if case .string(let s) = v {
            if let n = schema["minLength"]?.intValue, s.count < n { out.append("\(path): shorter than \(n)") }
            if let p = schema["pattern"]?.text, s.range(of: p, options: .regularExpression) == nil {
                out.append("\(path): \(s.debugDescription) does not match \(p)")
            }
        }
        if let n = v.doubleValue, t == "integer" || t == "number" {
            if let lo = schema["minimum"]?.doubleValue, n < lo { out.append("\(path): \(n) < \(lo)") }
            if let hi = schema["maximum"]?.doubleValue, n > hi { out.append("\(path): \(n) > \(hi)") }
        }
        if case .array(let items) = v {
            if let n = schema["minItems"]?.intValue, items.count < n { out.append("\(path): fewer than \(n) items") }
            if let itemSchema = schema["items"] {
                for (i, item) in items.enumerated() { check(item, itemSchema, "\(path)[\(i)]", &out) }
            }
        }
        if case .object(let pairs) = v {
            let props = schema["properties"]
            for r in schema["required"]?.items ?? [] {
                if let name = r.text, !pairs.contains(where: { $0.0 == name }) { out.append("\(path): missing \(name)") }
            }
            for (k, x) in pairs {
                if let names = schema["propertyNames"] { check(.string(k), names, "\(path).\(k) (name)", &out) }
                if let p = props?[k] {
                    check(x, p, "\(path).\(k)", &out)
                } else if let extra = schema["additionalProperties"] {
                    check(x, extra, "\(path).\(k)", &out)
                }
            }
        }
    }
}

extension TestSupport {
    /// Lead and reject lines a test wrote, checked against `schemas/`: the violations, empty when all are valid.
    public static func schemaErrors(leads: String = "", rejects: String = "") -> [String] {
        SchemaValidator.lead.errors(ndjson: leads).map { "lead " + $0 } + SchemaValidator.reject.errors(ndjson: rejects).map { "reject " + $0 }
    }
}
