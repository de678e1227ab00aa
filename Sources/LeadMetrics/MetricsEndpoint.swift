/// A `--metrics HOST:PORT` address: `127.0.0.1:9464`, `localhost:9464`, `[::1]:9464`, or `:9464`
/// (loopback, `127.0.0.1`).
public struct MetricsEndpoint: Sendable, Equatable {
    /// The address to bind.
    public var host: String
    /// The port (0 picks a free one).
    public var port: Int

    /// Creates an endpoint.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`; `nil` when it is not one.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = "127.0.0.1" }
        guard !host.contains(" ") else { return nil }
        self.init(host: host, port: port)
    }
}
