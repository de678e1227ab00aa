import Foundation
public import LeadCore
import LeadHandoff
import LeadIntake
import LeadQualify
import LeadResearch
public import Logging

/// `leadsmith run`: intake → clean → dedupe → research → qualify → write, streaming in and out.
///
/// Records are cleaned as they stream in and spooled to a temporary file; only the dedupe index
/// (e-mail key → person, record locations) and the per-domain research results stay in memory.
/// Output order is the order of each person's first record, so the same input gives the same bytes.
public struct RunJob: Sendable {
    public let options: RunOptions
    public let logger: Logger

    public init(options: RunOptions, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    /// Runs the job and returns its report.
    /// - Throws: ``LeadsmithError`` for unusable inputs (65/66), bad rules (78) or output failures (74).
    public func run() async throws(LeadsmithError) -> RunReport {
        let clock = ContinuousClock()
        let started = clock.now
        var report = RunReport()
        report.runAt = options.now
        let progress = Progress(mode: options.progress, hostsWaiting: options.hostsWaiting)

        // Fail fast on inputs and rules before writing anything.
        for input in options.inputs where input != "-" {
            try Self.checkReadable(input)
        }
        if options.inputs.filter({ $0 == "-" }).count > 1 {
            throw LeadsmithError(.usage, "standard input (-) can be read only once")
        }
        // The research rules load on another core while the lead rules load here (both are YAML
        // decoding, a few hundred milliseconds of a short run). A bad lead rule is reported first.
        let options = options
        let researcherLoad = Task { () -> Result<CompanyResearcher?, LeadsmithError> in
            Result { () throws(LeadsmithError) -> CompanyResearcher? in
                if let sites = options.sitesDirectory {
                    return try LeadStages.snapshotResearcher(sitesDirectory: sites, rules: options.rules)
                } else if let live = options.liveSource {
                    return CompanyResearcher(source: live, rules: try ResearchRules(files: options.rules))
                }
                return nil
            }
        }
        let stages: LeadStages
        do {
            stages = try LeadStages(rules: options.rules, icpFile: options.icpFile)
        } catch {
            _ = await researcherLoad.value
            throw error
        }
        report.rulesVersion = stages.rulesVersion
        let researcher = try await researcherLoad.value.get()
        let out = try OutputFile(path: options.outPath)
        let rejectsOut = try options.rejectsPath.map { p throws(LeadsmithError) in try OutputFile(path: p) }
        if options.format.isCSV { try out.write(text: options.format.preamble) }
        let suppression = options.suppression.flatMap { $0.count == 0 ? nil : $0 }
        let retainUntil = options.retainDays.map { LeadStages.retainUntil(from: options.now, days: $0) }

        // 1–2. Intake and clean, streaming; spool records, index persons. Suppressed records are
        // dropped here, before research: never spooled, never researched, counted only.
        let spool = try RecordSpool()
        var index = PersonIndex()
        // Research starts while intake reads: each person's company domain goes to the feed the
        // first time the index sees it. With a suppression list, a person indexed now can be
        // suppressed by a later record, and a suppressed person's company is never researched, so
        // then the feed gets the domains only once intake is over.
        let feed = ResearchFeed()
        defer { feed.finish() }
        let researchEarly = researcher != nil && suppression == nil
        var domainsFed = 0
        async let researched = ResearchFeed.research(feed, with: researcher, concurrency: options.researchConcurrency,
                                                     memoryLimit: options.companiesInMemory, progress: progress)
        progress.begin("intake", unit: "records", total: nil)
        // Records are cleaned and encoded for the spool in batches on all cores; suppression,
        // spooling and indexing stay here, in record order.
        let intakeWork = IntakeCleanWork(stages: stages, suppression: suppression)
        let intakeWindow = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        for input in options.inputs {
            var reader = try Intake.open(path: input, source: options.source, headers: stages.headers)
            var fileRecords = 0
            var fileRejects = 0
            let failure = await withTaskGroup(of: (Int, [IntakeCleanWork.Cleaned]).self) { group -> LeadsmithError? in
                do throws(LeadsmithError) {
                    var batch: [RawRecord] = []
                    var submitted = 0
                    var nextOut = 0
                    var ready: [Int: [IntakeCleanWork.Cleaned]] = [:]
                    var finished = false
                    while !finished {
                        if let item = try reader.next() {
                            report.recordsIn += 1
                            switch item {
                            case .record(let raw):
                                fileRecords += 1
                                report.bySource[raw.source.rawValue, default: 0] += 1
                                batch.append(raw)
                            case .reject(let reject):
                                fileRejects += 1
                                report.rejects += 1
                                report.rejectsBySource[reject.source.rawValue, default: 0] += 1
                                report.rejectReasons[reject.reasonCode, default: 0] += 1
                                if reject.reasonCode == IntakeReject.Reason.notText {
                                    // A whole file is one reject: say so even without --rejects (the run goes on, exit 0).
                                    logger.warning("\(input): \(reject.reason); the file is counted as one reject")
                                }
                                logger.debug("rejected record", metadata: ["file": "\(reject.file)", "record": "\(reject.record)", "reason": "\(reject.reasonCode)"])
                                let line = reject.json
                                report.handoff.add(reject: line)
                                try rejectsOut?.writeLine(line)
                            }
                            if report.recordsIn % 256 == 0 { progress.update(report.recordsIn) }
                        } else {
                            finished = true
                        }
                        if batch.count >= 256 || (finished && !batch.isEmpty) {
                            let records = batch
                            let index = submitted
                            batch = []
                            submitted += 1
                            group.addTask { (index, intakeWork.clean(records)) }
                        }
                        // Bounded: wait for results when the window is full, and for all at the end.
                        while submitted - nextOut >= intakeWindow || (finished && nextOut < submitted) {
                            guard let (i, cleaned) = await group.next() else { break }
                            ready[i] = cleaned
                            while let chunk = ready.removeValue(forKey: nextOut) {
                                nextOut += 1
                                for c in chunk {
                                    let clean = c.record
                                    if suppression != nil, c.listed || index.isSuppressed(clean.emailKey) {
                                        index.suppress(key: clean.emailKey)
                                        report.suppressed += 1
                                        report.handoff.addSuppressed(source: clean.ref.source.rawValue)
                                        continue
                                    }
                                    let loc = try spool.append(encoded: c.data)
                                    index.add(key: clean.emailKey, location: loc, truncated: clean.truncated, domain: clean.domain)
                                    if researchEarly, index.domainCount > domainsFed {
                                        for id in domainsFed..<index.domainCount { feed.submit(index.domain(id)) }
                                        domainsFed = index.domainCount
                                    }
                                }
                            }
                        }
                    }
                    return nil
                } catch {
                    group.cancelAll()
                    return error
                }
            }
            if let failure { throw failure }
            report.perFile.append((input, fileRecords, fileRejects))
        }
        try spool.flush()
        // A person whose address was suppressed after some of their records were indexed: all of
        // their records count as suppressed, none as lead or merged.
        // `persons` holds the index numbers of the others (4 bytes each).
        var persons: [Int32] = []
        persons.reserveCapacity(index.count)
        report.merged = 0
        for i in 0..<index.count {
            let slot = index.person(i)
            if slot.suppressed {
                for loc in slot.records {
                    report.suppressed += 1
                    report.handoff.addSuppressed(source: try spool.read(loc).ref.source.rawValue)
                }
            } else {
                persons.append(Int32(i))
                report.merged += slot.records.count - 1
            }
        }
        report.leads = persons.count
        let intakeDone = clock.now
        report.timingsMS.append(("intake", Self.ms(started, intakeDone)))

        // 3–4. Research each company domain once (first-seen order), bounded concurrency.
        var domains: [String] = []
        var seen = Set<String>()
        for i in persons {
            if let domain = index.person(Int(i)).domain, seen.insert(domain).inserted { domains.append(domain) }
        }
        if researcher != nil {
            progress.begin("research", unit: "domains", total: domains.count)
            feed.showProgress()
            if !researchEarly { for d in domains { feed.submit(d) } }
        }
        feed.finish()
        // Without a suppression list every indexed domain is a lead's, so the early feed got
        // exactly `domains`.
        let companies = try await researched.get()
        if researcher != nil {
            report.domainsResearched = companies.count
            report.companiesSpilled = companies.spilledCount
            for d in domains {
                guard let c = try companies.profile(for: d) else { continue }
                report.siteStatuses[c.siteStatus.rawValue, default: 0] += 1
                report.handoff.add(company: c)
            }
        }
        let researchDone = clock.now
        report.timingsMS.append(("research", Self.ms(intakeDone, researchDone)))

        // 5–7. Merge each person, qualify, write in order. Chunks of persons are merged, qualified
        // and serialised on all cores (a bounded window of chunks in flight); counting and writing
        // stay here, in person order, so the bytes are those of a one-by-one run.
        progress.begin("write", unit: "leads", total: persons.count)
        let work = LeadChunkWork(stages: stages, spool: spool, companies: companies, suppression: suppression,
                                 retainUntil: retainUntil, format: options.format, all: options.all, runTime: options.now)
        let chunkSize = 256
        let chunkCount = (persons.count + chunkSize - 1) / chunkSize
        let window = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        var written = 0
        var fill = FillCounts()
        let failure = await withTaskGroup(of: (Int, LeadChunkWork.Chunk).self) { group -> LeadsmithError? in
            do throws(LeadsmithError) {
                var nextChunk = 0
                var ready: [Int: LeadChunkWork.Chunk] = [:]
                var nextOut = 0
                // Only record locations are gathered here; the chunk's task reads the records.
                func start() {
                    guard nextChunk < chunkCount else { return }
                    let range = (nextChunk * chunkSize)..<min(persons.count, (nextChunk + 1) * chunkSize)
                    var input: [LeadChunkWork.Person] = []
                    input.reserveCapacity(range.count)
                    for i in persons[range] {
                        let slot = index.person(Int(i))
                        input.append((slot.domain, slot.records))
                    }
                    let index = nextChunk
                    nextChunk += 1
                    group.addTask { (index, work.prepare(input)) }
                }
                for _ in 0..<min(window, chunkCount) { start() }
                while let (index, prepared) = await group.next() {
                    ready[index] = prepared
                    while let chunk = ready.removeValue(forKey: nextOut) {
                        nextOut += 1
                        for p in chunk.leads {
                            if let failure = p.failure { throw failure }
                            if p.redirectSuppressed {
                                // The company domain redirected to a suppressed one: hand nothing over.
                                report.leads -= 1
                                report.merged -= p.sources.count - 1
                                report.suppressed += p.sources.count
                                for r in p.sources { report.handoff.addSuppressed(source: r) }
                                continue
                            }
                            guard let tally = p.tally else { continue }
                            report.byStatus[p.status, default: 0] += 1
                            report.handoff.add(tally)
                            if let bytes = p.bytes {
                                try out.write(bytes: chunk.bytes[bytes])
                                report.written += 1
                            }
                        }
                        fill.add(chunk.fill)
                        written += chunk.leads.count
                        progress.update(written)
                        start()
                    }
                }
                return nil
            } catch {
                group.cancelAll()
                return error
            }
        }
        if let failure { throw failure }
        report.filled = fill.byField
        try out.finish()
        try rejectsOut?.finish()
        progress.clear()
        let done = clock.now
        report.timingsMS.append(("write", Self.ms(researchDone, done)))
        report.timingsMS.append(("total", Self.ms(started, done)))

        if let reportPath = options.reportPath {
            let r = try OutputFile(path: reportPath)
            if Self.isHTML(reportPath) {
                try r.write(text: ReportHTML.page(report.json))
            } else {
                try r.writeLine(report.json)
            }
            try r.finish()
        }
        logger.info("run finished", metadata: ["leads": "\(report.leads)", "rejects": "\(report.rejects)", "merged": "\(report.merged)",
                                               "suppressed": "\(report.suppressed)"])
        return report
    }

    /// Whether a report path asks for the HTML page (`.html`, `.htm`).
    public static func isHTML(_ path: String) -> Bool {
        let p = path.lowercased()
        return p.hasSuffix(".html") || p.hasSuffix(".htm")
    }

    static func checkReadable(_ path: String) throws(LeadsmithError) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw LeadsmithError(.inputMissing, "input file not found", file: path)
        }
        if isDir.boolValue { throw LeadsmithError(.inputMissing, "input is a directory, not a file", file: path) }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw LeadsmithError(.inputMissing, "input file is not readable (permissions)", file: path)
        }
    }

    static func ms(_ a: ContinuousClock.Instant, _ b: ContinuousClock.Instant) -> Int {
        let d = b - a
        return Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
    }
}
