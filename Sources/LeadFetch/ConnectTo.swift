/// One `--connect-to HOST:PORT:ADDR:PORT` rule (curl's convention): requests for `HOST:PORT`
/// connect to `ADDR:PORT` instead, while the URL, `Host` header and TLS name stay the real ones.
///
/// An empty or `*` HOST matches every host; an empty or `*` first PORT matches every port; an empty
/// ADDR keeps the host; an empty last PORT keeps the port. IPv6 addresses go in brackets.
public struct ConnectToRule: Sendable, Equatable, CustomStringConvertible {
    /// The host this rule applies to (lower-case); `nil` matches any host.
    public var host: String?
    /// The URL port this rule applies to; `nil` matches any port.
    public var port: Int?
    /// Where to connect instead (host name or IP literal without brackets); `nil` keeps the host.
    public var address: String?
    /// The port to connect to; `nil` keeps the URL's port.
    public var addressPort: Int?

    public init(host: String?, port: Int?, address: String?, addressPort: Int?) {
        self.host = host
        self.port = port
        self.address = address
        self.addressPort = addressPort
    }

    /// Parses `HOST:PORT:ADDR:PORT`; `nil` when malformed.
    public init?(parsing text: String) {
        var fields: [String] = []
        var current = ""
        var inBrackets = false
        for ch in text {
            if ch == "[" { inBrackets = true; continue }
            if ch == "]" { inBrackets = false; continue }
            if ch == ":" && !inBrackets { fields.append(current); current = ""; continue }
            current.append(ch)
        }
        fields.append(current)
        guard fields.count == 4 else { return nil }
        func port(_ s: String) -> Int?? {
            if s.isEmpty || s == "*" { return .some(nil) }
            guard let p = Int(s), (1...65535).contains(p) else { return nil }
            return .some(p)
        }
        guard let p1 = port(fields[1]), let p2 = port(fields[3]) else { return nil }
        host = fields[0].isEmpty || fields[0] == "*" ? nil : fields[0].lowercased()
        self.port = p1
        address = fields[2].isEmpty ? nil : fields[2]
        addressPort = p2
    }

    /// Whether this rule applies to `host:port`.
    public func matches(host: String, port: Int) -> Bool {
        (self.host == nil || self.host == host.lowercased()) && (self.port == nil || self.port == port)
    }

    public var description: String {
        "\(host ?? "*"):\(port.map(String.init) ?? "*"):\(address ?? ""):\(addressPort.map(String.init) ?? "")"
    }
}
