import Foundation
import LeadCore
import Yams

/// A YAML rule file parsed into a node tree that keeps line/column marks, plus the problems found while
/// reading it. Readers report every problem they can (for `rules check`) instead of stopping at the first.
struct YAMLSource {
    /// The path shown in messages (the file's path as found in the rules folder).
    let path: String
    /// The root node, `nil` when the file is empty or could not be parsed.
    let root: Node?
    /// Problems as `bad_rules` errors with file, line and column.
    var problems: [LeadsmithError] = []

    /// Parses `text` (already read from `path`).
    init(path: String, text: String) {
        self.path = path
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            root = nil
            var line: Int?
            var column: Int?
            var problem = "\(error)"
            switch error {
            case .scanner(let context, let p, let mark, _), .parser(let context, let p, let mark, _),
                 .composer(let context, let p, let mark, _):
                line = mark.line
                column = mark.column
                problem = p + (context.map { " \($0.text)" } ?? "")
            default: break
            }
            problems.append(LeadsmithError(.badRules, "YAML syntax: \(problem)", file: path, line: line, column: column))
        } catch {
            root = nil
            problems.append(LeadsmithError(.badRules, "YAML syntax: \(error)", file: path))
        }
    }

    /// Reads `relativePath` of `rules`; a missing or unreadable file becomes a problem.
    init(rules: RuleFiles, relativePath: String) {
        let url = rules.url(relativePath)
        do {
            let text = try rules.text(relativePath)
            self.init(path: url.path, text: text)
        } catch {
            self.init(path: url.path, text: "")
            self.problems = [error]
        }
    }

    /// Records a problem at `node`'s position.
    mutating func problem(_ message: String, at node: Node?) {
        problems.append(LeadsmithError(.badRules, message, file: path, line: node?.mark?.line, column: node?.mark?.column))
    }

    /// The pairs of a mapping node in file order; a problem when `node` is not a mapping.
    mutating func pairs(_ node: Node?, what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard let node else { return [] }
        guard case .mapping(let m) = node else {
            problem("\(what) must be a mapping (key: value lines)", at: node)
            return []
        }
        var out: [(String, Node, Node)] = []
        for (k, v) in m {
            guard let ks = k.scalar?.string else {
                problem("\(what): keys must be plain text", at: k)
                continue
            }
            out.append((ks, k, v))
        }
        return out.map { (key: $0.0, keyNode: $0.1, value: $0.2) }
    }

    /// The items of a sequence node; a problem when `node` is not a list.
    mutating func items(_ node: Node?, what: String) -> [Node] {
        guard let node else { return [] }
        guard case .sequence(let s) = node else {
            problem("\(what) must be a list", at: node)
            return []
        }
        return Array(s)
    }

    /// The scalars of a list of strings (numbers are accepted as their text).
    mutating func strings(_ node: Node?, what: String) -> [(String, Node)] {
        items(node, what: what).compactMap { item in
            guard let s = item.scalar?.string else {
                problem("\(what): every entry must be a plain value", at: item)
                return nil
            }
            return (s, item)
        }
    }

    /// A number value; a problem when it is not one.
    mutating func number(_ node: Node, what: String) -> Double? {
        guard let scalar = node.scalar else {
            problem("\(what) must be a number", at: node)
            return nil
        }
        if let d = Double(scalar.string.trimmingCharacters(in: .whitespaces)), d.isFinite { return d }
        problem("\(what) must be a (finite) number, not '\(scalar.string)'", at: node)
        return nil
    }
}

extension Node {
    /// The scalar text of a scalar node.
    var scalarText: String? { scalar?.string }

    /// Whether this scalar is YAML null (`~`, `null`, empty).
    var isNullScalar: Bool {
        guard case .scalar(let s) = self else { return false }
        return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }
}
