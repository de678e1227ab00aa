#!/usr/bin/env bash
# Leak check of LeadHTML under valgrind.
#
# Valgrind 3.19 cannot run the swift-testing bundle (it dies inside libdispatch's signal thread and
# cannot read DWARF 5), so this compiles LeadHTML's sources with a small synchronous driver that
# exercises every public API and error path (encodings, binary/empty input, XPath errors, a 5 MB
# page, 10,000-deep nesting, optionally the real-page corpus), with DWARF 4, and runs it under
# valgrind. Prints valgrind's leak summary; exit status 1 when bytes are "definitely lost".
#
# Usage: scripts/leadhtml-valgrind.sh [REAL_PAGES_DIR [MAX_PAGES]]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pages="${1:-}"
max_pages="${2:-40}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat >"$work/main.swift" <<'SWIFT'
import Glibc

func check(_ condition: Bool, _ message: String) {
    if !condition {
        print("FAILED: \(message)")
        exit(1)
    }
}

func expectError(_ code: HTMLError.Code, _ body: () throws(HTMLError) -> Void) {
    do {
        try body()
        check(false, "expected \(code)")
    } catch {
        check(error.code == code, "expected \(code), got \(error)")
        _ = error.description
    }
}

/// Everything runs in a function so that no page outlives it: at exit only the Swift runtime's
/// own caches may still be reachable.
func run() throws {
    let company = Array("""
        <!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Acme &ndash; Over ons</title>
        <script type="application/ld+json">{"@type": "Organization", "name": "Acme"}</script></head>
        <body><!-- c --><p class=x>Wij hebben <span>212</span><span>medewerkers</span>.</p>
        <a href="/contact?a=1&amp;b=2" data-x>Contact</a><noscript>n</noscript><style>s{}</style></body></html>
        """.utf8)

    for _ in 0..<50 {
        let document = try HTMLDocument.parse(company, url: "https://acme.example/", contentType: "text/html")
        check(document.title == "Acme – Over ons", "title")
        check(document.language == "nl", "language")
        check(document.body?.innerText == "Wij hebben 212 medewerkers . Contact", "innerText")
        check(try document.select("//script").first?.rawText.contains("Organization") == true, "rawText")
        let link = try document.select("//a").first
        check(link?.attribute("HREF") == "/contact?a=1&b=2", "attribute")
        check(link?.attributes.count == 2, "attributes")
        check(try document.select("//a/@href").first?.content == "/contact?a=1&b=2", "attribute node")
        check(try document.select("//comment()").count == 1, "comment")
        var count = 0
        document.walk(includeComments: true) { _ in
            count += 1
            return .descend
        }
        check(count > 5, "walk")
        _ = document.head?.children.map { ($0.kind, $0.name, $0.content, $0.lineNumber, $0.parent?.name ?? "") }
        for bad in ["//a[", "count(//a)", "foo()", "$x", ""] {
            expectError(.xpath) { () throws(HTMLError) in _ = try document.select(bad) }
        }
    }

    // Encodings.
    let legacy: [UInt8] = Array("<meta charset=iso-8859-1><p>".utf8) + [0x80, 0x20, 0x35, 0x20, 0xE9, 0xFC] + Array("</p>".utf8)
    check(try HTMLDocument.parse(legacy).body?.innerText == "€ 5 éü", "windows-1252")
    let sjis: [UInt8] = Array("<meta charset=shift_jis><p>".utf8) + [0x89, 0xEF, 0x8E, 0xD0, 0x82] + Array("</p>".utf8)
    _ = try HTMLDocument.parse(sjis).body?.innerText
    let utf16: [UInt8] = [0xFF, 0xFE] + Array("<p>Straße</p>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0x00, 0xD8]
    check(try HTMLDocument.parse(utf16).body?.innerText.hasPrefix("Straße") == true, "utf-16")
    let invalid: [UInt8] = Array("<meta charset=utf-8><p>a".utf8) + [0xFF, 0x00, 0xC3, 0xED, 0xA0, 0x80] + Array("b</p>".utf8)
    _ = try HTMLDocument.parse(invalid).body?.innerText
    _ = try HTMLDocument(html: "<p>x</p>", url: "u").root?.innerText

    // Not pages.
    expectError(.empty) { () throws(HTMLError) in _ = try HTMLDocument.parse([]) }
    expectError(.empty) { () throws(HTMLError) in _ = try HTMLDocument.parse([0xEF, 0xBB, 0xBF, 0x20]) }
    expectError(.binary) { () throws(HTMLError) in _ = try HTMLDocument.parse([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) }
    var seed: UInt64 = 42
    let random = (0..<8192).map { _ -> UInt8 in
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return UInt8(truncatingIfNeeded: seed >> 33)
    }
    expectError(.binary) { () throws(HTMLError) in _ = try HTMLDocument.parse(random) }

    // Big and deep pages, truncated and broken markup.
    var big = "<html><body>"
    var index = 0
    while big.utf8.count < 5_000_000 {
        big += "<div><a href=\"/i/\(index)\">Item \(index)</a> <span>€ \(index)</span></div>\n"
        index += 1
    }
    let bigDocument = try HTMLDocument.parse(Array(big.utf8))
    check(try bigDocument.select("//a").count == index, "5 MB page")
    _ = bigDocument.body?.innerText
    let deep = String(repeating: "<div>", count: 10_000) + "<p>diep</p>" + String(repeating: "</div>", count: 10_000)
    check(try HTMLDocument.parse(Array(deep.utf8)).body?.innerText == "diep", "deep page")
    _ = try HTMLDocument.parse(Array("<div><p>een<p>twee</span></div></b><a href=x title='y".utf8)).body?.innerText

    // Real pages.
    let arguments = CommandLine.arguments
    if arguments.count > 2, let limit = Int(arguments[2]), let directory = opendir(arguments[1]) {
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".html") { names.append(name) }
        }
        closedir(directory)
        for name in names.sorted().prefix(limit) {
            guard let file = fopen(arguments[1] + "/" + name, "rb") else { continue }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let read = fread(&chunk, 1, chunk.count, file)
                if read <= 0 { break }
                bytes += chunk[0..<read]
            }
            fclose(file)
            let document = try HTMLDocument.parse(bytes, url: name)
            _ = document.body?.innerText
            _ = try document.select("//script[@type='application/ld+json']").map(\.rawText)
            _ = try document.select("//a[@href]").map { $0.attribute("href") }
        }
        print("real pages: \(min(limit, names.count)) parsed")
    }
}

try run()
print("leadhtml-valgrind driver: ok")
SWIFT

swiftc -Onone -g -Xcc -gdwarf-4 -debug-info-format=dwarf -dwarf-version=4 \
    -swift-version 6 \
    -enable-upcoming-feature InternalImportsByDefault \
    -enable-upcoming-feature ExistentialAny \
    -enable-upcoming-feature MemberImportVisibility \
    -module-name LeadHTMLValgrind \
    -I "$root/Sources/CLeadXML2" -Xcc -I/usr/include/libxml2 -lxml2 \
    "$root"/Sources/LeadHTML/*.swift "$work/main.swift" -o "$work/driver"

args=()
if [[ -n "$pages" ]]; then args=("$pages" "$max_pages"); fi
valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=3 \
    "$work/driver" "${args[@]}" 2>"$work/valgrind.log" || status=$?
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable|Invalid (read|write)" "$work/valgrind.log" || true
if grep -q "definitely lost: [1-9]" "$work/valgrind.log" || [[ "${status:-0}" -ne 0 ]]; then
    cat "$work/valgrind.log" >&2
    exit 1
fi
