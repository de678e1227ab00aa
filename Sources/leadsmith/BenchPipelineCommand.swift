import ArgumentParser
import Foundation
import LeadBench
import LeadCore

extension BenchCommand {
    /// `leadsmith bench pipeline`: generate a realistic input set and time `leadsmith run` on it.
    struct PipelineRun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pipeline",
            abstract: "Generate all three sources and a site snapshot, run the pipeline on them; print records/s per stage and peak RSS.",
            discussion: """
            The set (newsletter CSV ×2, chatbot JSON, download NDJSON, DIR/sites) is written to a temporary folder,
            or to --keep DIR (reused when it already holds a set of the same size). `leadsmith run --all` then runs
            as a child process, so its peak RSS (wait4 rusage) excludes the generator; stage times come from
            the run's --report JSON. --binary times another build on the same set (e.g. the code before a change).
            Example: swift build -c release && .build/release/leadsmith bench pipeline --leads 100000 --sites 2000
            """
        )

        @Option(help: "Records to generate (over all four files).")
        var leads = 100_000

        @Option(help: "Company sites in the snapshot.")
        var sites = 2_000

        @Option(help: ArgumentHelp("Keep the generated set in DIR (reuse it when present).", valueName: "DIR"))
        var keep: String?

        @Option(help: ArgumentHelp("The leadsmith binary to time (default: this one).", valueName: "PATH"))
        var binary: String?

        @Flag(help: "Print one JSON object instead of text.")
        var json = false

        @OptionGroup var common: CommonOptions

        func validate() throws {
            guard leads >= 1, sites >= 1 else { throw ValidationError("--leads and --sites must be at least 1") }
        }

        func run() throws {
            let dir = keep ?? (NSTemporaryDirectory() + "leadsmith-bench-\(getpid())")
            defer { if keep == nil { try? FileManager.default.removeItem(atPath: dir) } }
            let stamp = dir + "/dataset.txt"
            let want = "leads \(leads) sites \(sites)\n"
            let inputs = ["newsletter-1.csv", "chatbot.json", "download.ndjson", "newsletter-2.csv"].map { dir + "/" + $0 }
            let clock = ContinuousClock()
            let genStart = clock.now
            var generated = false
            if (try? String(contentsOfFile: stamp, encoding: .utf8)) != want {
                do {
                    _ = try PipelineDataset(leads: leads, sites: sites).write(to: dir)
                    try want.write(toFile: stamp, atomically: true, encoding: .utf8)
                } catch {
                    throw fail(LeadsmithError(.outputFailed, "cannot write the benchmark set: \(error)", file: dir))
                }
                generated = true
            }
            let genSeconds = Self.seconds(clock.now - genStart)
            var args = ["run"] + inputs + ["--sites", dir + "/sites", "--all", "--out", dir + "/out.ndjson",
                                           "--report", dir + "/report.json", "--quiet"]
            if let rules = common.rules { args += ["--rules", rules] }
            let exe = binary ?? Self.ownExecutable()
            let start = clock.now
            let child = try Self.spawn(exe, args)
            let wall = Self.seconds(clock.now - start)
            guard child.status == 0 else {
                throw fail(LeadsmithError(.internalError, "\(exe) run exited with status \(child.status)", file: exe))
            }
            let report = try Self.report(dir + "/report.json")
            let rate = { (n: Int, ms: Int) -> Double in Double(n) / max(Double(ms) / 1000, 1e-9) }
            let intake = report.ms["intake"] ?? 0, research = report.ms["research"] ?? 0, write = report.ms["write"] ?? 0
            let total = report.ms["total"] ?? 0
            let figures: [(String, Any)] = [
                ("binary", exe), ("records", report.records), ("leads", report.leads), ("domains", report.domains),
                ("generated", generated), ("generate_s", genSeconds),
                ("intake_s", Double(intake) / 1000), ("intake_records_per_s", rate(report.records, intake)),
                ("research_s", Double(research) / 1000), ("research_records_per_s", rate(report.records, research)),
                ("research_domains_per_s", rate(report.domains, research)),
                ("write_s", Double(write) / 1000), ("write_leads_per_s", rate(report.leads, write)),
                ("total_s", Double(total) / 1000), ("wall_s", wall), ("peak_rss_mb", child.maxRSSMegabytes),
            ]
            if json {
                let data = try JSONSerialization.data(withJSONObject: Dictionary(uniqueKeysWithValues: figures), options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            print("set: \(report.records) records, \(report.leads) leads, \(report.domains) domains researched (\(dir))"
                + (generated ? String(format: ", generated in %.1f s", genSeconds) : ", reused"))
            print("binary: \(exe)")
            print(String(format: "intake:                 %8.2f s  %10.0f records/s", Double(intake) / 1000, rate(report.records, intake)))
            print(String(format: "research:               %8.2f s  %10.0f records/s  (%.0f domains/s)", Double(research) / 1000,
                         rate(report.records, research), rate(report.domains, research)))
            print(String(format: "merge + qualify + write: %7.2f s  %10.0f leads/s", Double(write) / 1000, rate(report.leads, write)))
            print(String(format: "total:                  %8.2f s  (wall %.2f s), peak RSS %.1f MB", Double(total) / 1000, wall, child.maxRSSMegabytes))
        }

        struct Figures {
            var records = 0, leads = 0, domains = 0
            var ms: [String: Int] = [:]
        }

        static func report(_ path: String) throws -> Figures {
            guard let data = FileManager.default.contents(atPath: path),
                  let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw fail(LeadsmithError(.internalError, "the run wrote no readable report", file: path))
            }
            var f = Figures()
            let counts = top["counts"] as? [String: Any] ?? [:]
            f.records = (counts["in"] as? Int) ?? 0
            f.leads = (counts["leads"] as? Int) ?? 0
            f.domains = ((top["research"] as? [String: Any])?["domains"] as? Int) ?? 0
            for (k, v) in top["timings_ms"] as? [String: Any] ?? [:] { f.ms[k] = v as? Int }
            return f
        }

        /// Runs `exe args` with standard output and error inherited; returns its exit status and peak RSS.
        static func spawn(_ exe: String, _ args: [String]) throws -> (status: Int32, maxRSSMegabytes: Double) {
            var pid: pid_t = 0
            let argv: [UnsafeMutablePointer<CChar>?] = ([exe] + args).map { strdup($0) } + [nil]
            defer { for p in argv { free(p) } }
            let rc = posix_spawn(&pid, exe, nil, nil, argv, environ)
            guard rc == 0 else {
                throw fail(LeadsmithError(.internalError, "cannot start \(exe): \(String(cString: strerror(rc)))", file: exe))
            }
            var status: Int32 = 0
            var usage = rusage()
            while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
            let exited = (status & 0x7f) == 0
            return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), Double(usage.ru_maxrss) / 1024)
        }

        static func ownExecutable() -> String {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        }

        static func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
    }
}
