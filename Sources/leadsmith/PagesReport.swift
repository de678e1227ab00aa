import Foundation
import LeadResearch

/// `leadsmith bench pages --json`: every figure of a ``PageBenchmarkResult`` as one JSON object
/// (snake_case keys, seconds and pages per second as numbers).
struct PagesReport: Encodable {
    struct Failure: Encodable {
        var file: String
        var error: String
    }

    var pages: Int
    var bytes: Int
    var rounds: Int
    var parseCPUSeconds: Double
    var parsePagesPerSecond: Double
    var extractCPUSeconds: Double
    var saxParseCPUSeconds: Double
    var saxParsePagesPerSecond: Double
    var extractPagesPerSecond: Double
    /// extract ÷ parse time.
    var extractionCostRatio: Double
    /// parse ÷ extract time (the "÷ libxml2 tree parse").
    var extractionSpeedVersusParse: Double
    var jobs: Int
    var oneThreadWallSeconds: Double?
    var oneThreadPagesPerSecond: Double?
    var parallelWallSeconds: Double?
    var parallelPagesPerSecond: Double?
    var parallelSpeedup: Double?
    var cores: Int
    var failures: [Failure]

    init(_ r: PageBenchmarkResult) {
        pages = r.pages
        bytes = r.bytes
        rounds = r.repeats
        parseCPUSeconds = r.parseSeconds
        parsePagesPerSecond = r.parsePagesPerSecond
        extractCPUSeconds = r.extractSeconds
        saxParseCPUSeconds = r.flatParseSeconds
        saxParsePagesPerSecond = r.flatParsePagesPerSecond
        extractPagesPerSecond = r.extractPagesPerSecond
        extractionCostRatio = r.overheadRatio
        extractionSpeedVersusParse = r.speedVersusParse
        jobs = r.jobs
        if r.jobs > 1 {
            oneThreadWallSeconds = r.oneThreadWallSeconds
            oneThreadPagesPerSecond = r.oneThreadPagesPerSecond
            parallelWallSeconds = r.parallelWallSeconds
            parallelPagesPerSecond = r.parallelPagesPerSecond
            parallelSpeedup = r.parallelSpeedup
        }
        cores = ProcessInfo.processInfo.activeProcessorCount
        failures = r.failures.map { Failure(file: $0.file, error: $0.error) }
    }

    enum CodingKeys: String, CodingKey {
        case pages, bytes, rounds, jobs, cores, failures
        case parseCPUSeconds = "parse_cpu_seconds"
        case parsePagesPerSecond = "parse_pages_per_second"
        case extractCPUSeconds = "extract_cpu_seconds"
        case saxParseCPUSeconds = "sax_parse_cpu_seconds"
        case saxParsePagesPerSecond = "sax_parse_pages_per_second"
        case extractPagesPerSecond = "extract_pages_per_second"
        case extractionCostRatio = "extraction_cost_ratio"
        case extractionSpeedVersusParse = "extraction_speed_vs_parse"
        case oneThreadWallSeconds = "one_thread_wall_seconds"
        case oneThreadPagesPerSecond = "one_thread_pages_per_second"
        case parallelWallSeconds = "parallel_wall_seconds"
        case parallelPagesPerSecond = "parallel_pages_per_second"
        case parallelSpeedup = "parallel_speedup"
    }

    /// One line of JSON, keys sorted.
    func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain numbers, strings and arrays cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
