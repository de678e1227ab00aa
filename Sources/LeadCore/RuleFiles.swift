public import Foundation
import Yams
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder of rule files users edit (`rules/`): lists, tables and fingerprints, kept as data.
///
/// List files (`*.txt`) hold one entry per line; `#` starts a comment; blank lines are ignored.
/// Table files are YAML.
public struct RuleFiles: Sendable {
    /// The rules folder.
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Finds the rules folder: `explicit` if given, else `$LEADSMITH_RULES`, else `./rules`, else a
    /// `rules` folder next to (or two levels above) the running executable, else `/usr/local/share/leadsmith/rules`.
    ///
    /// - Throws: ``LeadsmithError`` with code `bad_rules` when no folder is found or `explicit` is not a folder.
    public static func locate(explicit: String? = nil, executablePath: String? = nil) throws(LeadsmithError) -> RuleFiles {
        let fm = FileManager.default
        func isDir(_ path: String) -> Bool {
            var d: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &d) && d.boolValue
        }
        if let explicit {
            guard isDir(explicit) else {
                throw LeadsmithError(.badRules, "rules folder not found: \(explicit) (pass --rules DIR with the rule files)")
            }
            return RuleFiles(directory: URL(fileURLWithPath: explicit))
        }
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["LEADSMITH_RULES"], !env.isEmpty { candidates.append(env) }
        candidates.append("rules")
        if let exe = executablePath ?? CommandLine.arguments.first {
            let dir = URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent()
            candidates.append(dir.appendingPathComponent("rules").path)
            candidates.append(dir.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("rules").path)
            candidates.append(dir.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("rules").path)
        }
        candidates.append("/usr/local/share/leadsmith/rules")
        for c in candidates where isDir(c) && fm.fileExists(atPath: c + "/titles.yaml") {
            return RuleFiles(directory: URL(fileURLWithPath: c))
        }
        throw LeadsmithError(.badRules, "no rules folder found (looked in: \(candidates.joined(separator: ", "))); pass --rules DIR or set LEADSMITH_RULES")
    }

    /// The URL of a rule file by its path relative to the folder.
    public func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    /// The text of a rule file.
    /// - Throws: `bad_rules` naming the file when it is missing or not UTF-8.
    public func text(_ relativePath: String) throws(LeadsmithError) -> String {
        let u = url(relativePath)
        guard let bytes = Self.readAll(u.path) else {
            throw LeadsmithError(.badRules, "rule file missing or unreadable", file: u.path)
        }
        guard let s = String(data: Data(bytes), encoding: .utf8) else {
            throw LeadsmithError(.badRules, "rule file is not UTF-8", file: u.path)
        }
        return s
    }

    /// The whole file, read with read(2): `FileManager.contents(atPath:)` leaks a 4 KB buffer on an
    /// empty file (found by the ICP fuzz harness). `nil` when it cannot be opened or read (a folder).
    private static func readAll(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return out }
            out.append(contentsOf: buffer[0..<n])
        }
    }

    /// The entries of a list file: one per line, trimmed, `#` comments and blank lines dropped.
    public func list(_ relativePath: String) throws(LeadsmithError) -> [String] {
        try text(relativePath).split(whereSeparator: \.isNewline).compactMap { raw in
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let t = line.trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? nil : t
        }
    }

    /// Decodes a YAML rule file into `T`.
    /// - Throws: `bad_rules` with the file (and line/column when Yams reports one).
    public func yaml<T: Decodable>(_ relativePath: String, as type: T.Type = T.self) throws(LeadsmithError) -> T {
        let s = try text(relativePath)
        do {
            return try YAMLDecoder().decode(T.self, from: s)
        } catch let error as YamlError {
            var line: Int?
            var column: Int?
            switch error {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                line = mark.line
                column = mark.column
            default: break
            }
            throw LeadsmithError(.badRules, "invalid YAML: \(error)", file: url(relativePath).path, line: line, column: column)
        } catch {
            throw LeadsmithError(.badRules, "does not match the expected shape: \(error)", file: url(relativePath).path)
        }
    }
}
