import Foundation
import LeadCore
import LeadQueue
import LeadTestSupport
import Testing

/// `enqueue -`: standard input is an input named `-`, recognised again by its content hash.
struct StandardInputTests {
    static func pipe(_ text: String) throws -> FileHandle {
        let pipe = Pipe()
        try pipe.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try pipe.fileHandleForWriting.close()
        return pipe.fileHandleForReading
    }

    @Test func spoolHashesLikeTheFile() throws {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try TestSupport.write(QueueFixture.signups, to: dir, name: "s.csv")
        let (copy, hash) = try ContentHash.spool(try Self.pipe(QueueFixture.signups), into: dir)
        #expect(hash == (try ContentHash.of(file: file)))
        #expect(try Data(contentsOf: copy) == Data(QueueFixture.signups.utf8))
    }

    @Test(arguments: Backend.available)
    func standardInputIsEnqueuedAsDashAndRecognisedAgain(_ backend: Backend) async throws {
        try await backend.withQueue { driver, f in
            let first = try await f.enqueuer(driver).enqueue(path: "-", again: false, standardInput: try Self.pipe(QueueFixture.signups))
            #expect(first.path == "-" && !first.skipped && first.records == 7 && first.rejects == 0)
            // The same content again, from a pipe or from a file, is a repeat.
            #expect(try await f.enqueuer(driver).enqueue(path: "-", again: false, standardInput: try Self.pipe(QueueFixture.signups)).skipped)
            #expect(try await f.enqueuer(driver).enqueue(path: f.signups, again: false).skipped)
            let forms = try await f.enqueuer(driver).enqueue(path: "-", again: false, standardInput: try Self.pipe(QueueFixture.forms))
            #expect(!forms.skipped && forms.records == 2 && forms.rejects == 2)

            try await f.worker(driver).run()
            let out = try await f.export(driver)
            let leads = try TestSupport.ndjsonObjects(out.leads)
            #expect(leads.count == (try leadIDs((try await f.runAll()).leads)).count)
            for lead in leads {
                let files = (lead["sources"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
                #expect(!files.isEmpty && files.allSatisfy { $0 == "-" })
            }
            let rejects = try TestSupport.ndjsonObjects(out.rejects)
            #expect(!rejects.isEmpty && rejects.allSatisfy { $0["file"] as? String == "-" })
        }
    }
}
