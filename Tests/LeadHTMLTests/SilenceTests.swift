#if canImport(Glibc)
import Foundation
import Glibc
import LeadHTML
import Testing

/// libxml2 prints parse and XPath errors to stderr by default; a batch worker's stderr is for its
/// own progress and summary, so nothing may leak there.
struct SilenceTests {
    /// Runs `body` with the process's stderr redirected to a temporary file and returns what was
    /// written to it.
    private func capturingStandardError(_ body: () throws -> Void) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("leadhtml-stderr-\(UUID().uuidString)").path
        let file = open(path, O_CREAT | O_RDWR | O_TRUNC, 0o600)
        try #require(file >= 0)
        defer {
            close(file)
            unlink(path)
        }
        fflush(nil)
        let saved = dup(STDERR_FILENO)
        dup2(file, STDERR_FILENO)
        defer {
            fflush(nil)
            dup2(saved, STDERR_FILENO)
            close(saved)
        }
        try body()
        fflush(nil)
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    @Test func badPagesAndBadXPathPrintNothing() throws {
        let output = try capturingStandardError {
            let pages = [
                "<html><html><body><body><p>x</p></body></html></html><html>",
                "<p>&bogus; &#xFFFFFFFF; &#0; & amp</p><a href=\"x\" href=\"y\">",
                "<div><form><form></div></span></p><table><tr><td></table><unknown-tag>",
                "<p \u{01}=x <1>2</1> </ p> <!DOCTYPE again> <?pi x?> <![CDATA[ x ]]>",
                String(repeating: "<div>", count: 300) + "deep",
            ]
            for page in pages {
                let document = try HTMLDocument.parse(Array(page.utf8))
                _ = document.body?.innerText
            }
            var invalid = Array("<meta charset=utf-8><p>".utf8) + [0xFF, 0xFE, 0xC3]
            invalid += Array("</p>".utf8)
            _ = try HTMLDocument.parse(invalid)
            let document = try HTMLDocument.parse(Array("<p>x</p>".utf8))
            for expression in ["//a[", "count(//p)", "foo()", "//p[@", "$undefined"] {
                _ = try? document.select(expression)
            }
        }
        // The test runner reports other tests' progress on stderr too (and their arguments may span
        // lines), so look for libxml2's own message format: "<domain> error : …", "… warning : …",
        // and the context lines it prints under them ("^" markers).
        let leaked = output.split(separator: "\n").filter { line in
            line.contains("error : ") || line.contains("warning : ") || line.hasPrefix("Entity: line")
                || line.trimmingCharacters(in: .whitespaces) == "^"
        }
        #expect(leaked.isEmpty)
    }
}
#endif
