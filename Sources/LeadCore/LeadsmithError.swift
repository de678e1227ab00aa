/// An error with a stable code, a fix-it message and the context a user needs to find the cause.
///
/// `description` never contains lead PII; put record contents only in `debugDetail`.
public struct LeadsmithError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable, extensible code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let usage = Code("usage")
        public static let inputMissing = Code("input_missing")
        public static let inputUnusable = Code("input_unusable")
        public static let outputFailed = Code("output_failed")
        public static let badRules = Code("bad_rules")
        public static let internalError = Code("internal")
    }

    public var code: Code
    public var message: String
    /// File the error is about, if any.
    public var file: String?
    /// 1-based line (or record) in `file`.
    public var line: Int?
    /// 1-based column in `file`.
    public var column: Int?
    /// May contain record contents: never logged at info level.
    public var debugDetail: String?
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil,
                debugDetail: String? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.debugDetail = debugDetail
        self.cause = cause
    }

    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line { location += ":\(line)" }
            if let column { location += ":\(column)" }
            location += ": "
        }
        return location + message
    }

    /// The sysexits code for this error (PRODUCT.md "Exit codes").
    public var exitCode: Int32 {
        switch code {
        case .usage: return 64
        case .inputUnusable: return 65
        case .inputMissing: return 66
        case .outputFailed: return 74
        case .badRules: return 78
        default: return 70
        }
    }
}
