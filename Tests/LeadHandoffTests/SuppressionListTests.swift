import Foundation
import LeadCore
import LeadHandoff
import Testing

/// `--suppress FILE`: what a line may hold, how entries match, and errors that name file:line.
struct SuppressionListTests {
    @Test func entriesCommentsAndBlankLines() throws {
        let hash = SuppressionList.sha256("hidden.person@example.org")
        let list = try SuppressionList(text: """
            # people who asked not to be contacted
            Jane.Doe@Acme.example
              optout.example.net   # whole company
            \(hash.uppercased())

            https://www.blocked-site.example/contact
            """, file: "dnc.txt")
        #expect(list.count == 4, "jane's address (its own dedupe key), two domains and a hash")
        #expect(list.contains(email: "jane.doe@acme.example", key: "jane.doe@acme.example", domains: ["acme.example"]))
        #expect(list.contains(email: nil, key: nil, domains: ["optout.example.net"]))
        #expect(list.contains(email: "someone@sales.optout.example.net", key: nil, domains: ["sales.optout.example.net"]),
                "a listed domain covers its subdomains")
        #expect(list.contains(email: "hidden.person@example.org", key: "hidden.person@example.org", domains: []), "by SHA-256")
        #expect(list.contains(email: nil, key: nil, domains: ["blocked-site.example"]), "a URL entry lists its host")
        #expect(!list.contains(email: "john@acme.example", key: "john@acme.example", domains: ["acme.example"]),
                "an address entry does not suppress its colleagues")
        #expect(!list.contains(email: "x@notoptout.example.net", key: nil, domains: ["notoptout.example.net"]),
                "label boundary: notoptout.example.net is not optout.example.net")
    }

    @Test func addressesMatchByDedupeKey() throws {
        let list = try SuppressionList(text: "j.smith+newsletter@gmail.com\n", file: "dnc.txt")
        // The pipeline's dedupe key of jsmith@gmail.com is the same mailbox.
        let parsed = EmailParser.parse("JSmith@googlemail.com")
        #expect(list.contains(email: parsed.email, key: parsed.key, domains: []))
    }

    @Test func hashIsOfTheNormalisedAddress() {
        // printf %s jane.doe@acme.example | sha256sum
        #expect(SuppressionList.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func malformedLinesNameFileAndLine() {
        for (text, line) in [("ok@acme.example\nnot an entry\n", 2), ("# c\n\njane@@acme.example\n", 3), ("localhost\n", 1),
                             ("abcdef0123\n", 1)] {
            do {
                _ = try SuppressionList(text: text, file: "lists/dnc.txt")
                Issue.record("accepted \(text.debugDescription)")
            } catch {
                #expect(error.exitCode == 78)
                #expect(error.file == "lists/dnc.txt")
                #expect(error.line == line)
            }
        }
    }

    @Test func missingFileIsExit66() {
        do {
            _ = try SuppressionList(file: "/nonexistent/dnc.txt")
            Issue.record("no error")
        } catch {
            #expect(error.exitCode == 66)
        }
    }
}
