/// How a fact was found: the evidence behind every enriched value.
public enum ExtractionMethod: String, Sendable, Codable, CaseIterable {
    case jsonLD = "json-ld"
    case microdata
    case opengraph
    case meta
    case text
    case link
    case header
    /// Taken from the lead record itself (a fallback when the site says nothing).
    case input
}

/// Where a fact came from: the page, the method, and how sure the extractor is.
public struct Provenance: Sendable, Equatable, Hashable, Codable {
    /// The URL of the page (or `input:` pseudo-URL for record fallbacks).
    public var url: String
    /// The extraction method.
    public var method: ExtractionMethod
    /// Confidence in 0...1.
    public var confidence: Double

    public init(url: String, method: ExtractionMethod, confidence: Double) {
        self.url = url
        self.method = method
        self.confidence = confidence
    }
}

/// A value with the evidence that produced it.
public struct Fact<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var provenance: Provenance
    /// The exact text or attribute the value was read from (short; for explanations).
    public var evidence: String?

    public init(_ value: Value, provenance: Provenance, evidence: String? = nil) {
        self.value = value
        self.provenance = provenance
        self.evidence = evidence
    }
}
