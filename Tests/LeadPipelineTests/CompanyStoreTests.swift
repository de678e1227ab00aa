import Foundation
import LeadCore
@testable import LeadPipeline
import Testing

/// Researched companies kept in memory up to a limit and in a temporary file beyond it
/// (``CompanyStore``, ``SpillFile``).
struct CompanyStoreTests {
    /// A profile with every field set, non-ASCII text and values that JSON could round badly.
    static func fullProfile(_ domain: String) -> CompanyProfile {
        let page = Provenance(url: "https://\(domain)/over-ons", method: .jsonLD, confidence: 0.1 + 0.2)
        var p = CompanyProfile(domain: domain, siteStatus: .ok)
        p.redirectedFrom = ["old-\(domain)", "older-\(domain)"]
        p.redirectLoopWith = "loop.\(domain)"
        p.website = "https://\(domain)/"
        p.name = Fact("Müller & Söhne “GmbH”", provenance: page, evidence: "Müller\n& Söhne\u{2028}")
        p.legalName = Fact("Müller & Söhne GmbH", provenance: page)
        p.description = Fact("Łódź 🚀 \"quoted\" \\ back", provenance: page, evidence: "")
        p.industry = Fact(.manufacturing, provenance: Provenance(url: "https://\(domain)/", method: .meta, confidence: 1))
        p.country = Fact("DE", provenance: page)
        p.language = Fact("de", provenance: page)
        let claim = Fact(EmployeeCount(kind: .range, min: 51, max: 200), provenance: page, evidence: "51–200 Mitarbeiter")
        p.employees = claim
        p.employeeClaims = [claim, Fact(EmployeeCount(kind: .lowerBound, min: 40, max: nil), provenance: page)]
        p.founded = Fact(1998, provenance: Provenance(url: "https://\(domain)/", method: .text, confidence: 0.7))
        p.phone = Fact("+4930123456", provenance: page)
        p.phones = ["+4930123456", "+4930999"]
        p.emails = ["info@\(domain)"]
        p.address = Fact(PostalAddress(street: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "DE"), provenance: page)
        p.social = [.linkedin: Fact("https://www.linkedin.com/company/x", provenance: page), .xing: Fact("https://xing.com/x", provenance: page)]
        p.technologies = ["wordpress": Fact("wp-content", provenance: page)]
        p.pages = [PageOutcome(url: "https://\(domain)/", status: .ok), PageOutcome(url: "https://\(domain)/kontakt", status: .notFound, detail: "404")]
        p.people = [TeamMember(name: "Anna Łęcka", title: nil, url: "https://\(domain)/team")]
        return p
    }

    static func bareProfile(_ domain: String) -> CompanyProfile {
        CompanyProfile(domain: domain, siteStatus: .missing)
    }

    @Test(arguments: [0, 1, 3, 100])
    func everyProfileReadsBackEqual(memoryLimit: Int) throws {
        var builder = CompanyStore.Builder(memoryLimit: memoryLimit)
        let domains = (0..<5).map { "firma\($0).de" }
        for (i, d) in domains.enumerated() {
            try builder.add(i.isMultiple(of: 2) ? Self.fullProfile(d) : Self.bareProfile(d), for: d)
        }
        let store = try builder.finish()
        #expect(store.count == 5)
        #expect(store.spilledCount == max(0, 5 - memoryLimit))
        #expect(Set(store.domains) == Set(domains))
        for (i, d) in domains.enumerated() {
            let expected = i.isMultiple(of: 2) ? Self.fullProfile(d) : Self.bareProfile(d)
            #expect(try store.profile(for: d) == expected)
        }
        #expect(try store.profile(for: "unknown.de") == nil)
    }

    @Test func aProfileKeyedByTheAskedDomainKeepsItsFinalDomain() throws {
        var builder = CompanyStore.Builder(memoryLimit: 0)
        try builder.add(Self.fullProfile("new.example"), for: "old.example")
        let store = try builder.finish()
        #expect(try store.profile(for: "old.example")?.domain == "new.example")
        #expect(try store.profile(for: "new.example") == nil)
    }

    @Test func manyProfilesPastTheWriteBufferReadBackFromManyTasksAtOnce() async throws {
        var builder = CompanyStore.Builder(memoryLimit: 10)
        // About 1.5 KB each: 2,000 of them cross the 1 MB write buffer twice.
        let domains = (0..<2_000).map { "site\($0).example" }
        for d in domains { try builder.add(Self.fullProfile(d), for: d) }
        let store = try builder.finish()
        #expect(store.spilledCount == 1_990)
        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for part in 0..<4 {
                group.addTask {
                    var bad = 0
                    for d in part.isMultiple(of: 2) ? domains : domains.reversed() {
                        if try store.profile(for: d) != Self.fullProfile(d) { bad += 1 }
                    }
                    return bad
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }

    @Test func aSpillFileReturnsEachBlobAndRejectsAReadPastItsEnd() throws {
        let file = try SpillFile(prefix: "leadsmith-test")
        let a = try file.append(Array("first".utf8))
        let empty = try file.append([])
        let b = try file.append([0, 0xFF, 0x0A, 0x80])
        try file.flush()
        #expect(try file.read(a) == Array("first".utf8))
        #expect(try file.read(empty) == [])
        #expect(try file.read(b) == [0, 0xFF, 0x0A, 0x80])
        #expect(throws: LeadsmithError.self) {
            try file.read(SpillFile.Location(offset: b.offset, length: b.length + 1))
        }
    }

    @Test func theCodecWritesEveryStoredPropertyOfAProfile() {
        // A new CompanyProfile field must be added to CompanyProfileCodec (encode and decode).
        let stored = Mirror(reflecting: Self.fullProfile("x.example")).children.count
        #expect(stored == CompanyProfileCodec.fieldCount)
    }

    @Test func aTruncatedOrCorruptRecordThrowsInsteadOfTrapping() throws {
        let bytes = CompanyProfileCodec.encode(Self.fullProfile("kurz.de"))
        #expect(try CompanyProfileCodec.decode(bytes) == Self.fullProfile("kurz.de"))
        for cut in 0..<bytes.count {
            #expect(throws: SpoolCodecError.self) { try CompanyProfileCodec.decode(Array(bytes[..<cut])) }
        }
        #expect(throws: SpoolCodecError.self) { try CompanyProfileCodec.decode(bytes + [0]) }
        var otherVersion = bytes
        otherVersion[0] = CompanyProfileCodec.version &+ 1
        #expect(throws: SpoolCodecError.self) { try CompanyProfileCodec.decode(otherVersion) }
        // A count far past the end is refused before anything is allocated for it.
        var w = SpoolCodec.Writer()
        w.bytes.append(CompanyProfileCodec.version)
        w.string("a.de")
        w.varint(UInt64.max >> 1)
        #expect(throws: SpoolCodecError.self) { try CompanyProfileCodec.decode(w.bytes) }
    }

    @Test func doublesKeepTheirBitPattern() throws {
        let values: [Double] = [0, -0.0, 0.1 + 0.2, 1e-310, .greatestFiniteMagnitude, -.infinity, .nan]
        var w = SpoolCodec.Writer()
        for d in values { w.double(d) }
        let (read, end, pastEnd): ([UInt64], Bool, Bool) = w.bytes.withUnsafeBytes { buffer in
            var r = SpoolCodec.Reader(bytes: buffer)
            let read = values.map { _ in (try? r.double())?.bitPattern ?? 0xDEAD }
            let end = r.offset == buffer.count
            return (read, end, (try? r.double()) == nil)
        }
        #expect(read == values.map(\.bitPattern))
        #expect(end)
        #expect(pastEnd)
    }
}
