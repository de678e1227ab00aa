import Foundation
import LeadFetch

/// A live source pointed at a loopback server through `--connect-to`-style mapping; never touches DNS.
func makeLiveSource(server: LoopbackServer, clock: VirtualClock = VirtualClock(), allowPrivate: Bool = true,
                    addressCheck: (@Sendable ([UInt8]) -> String?)? = nil,
                    lookup: @escaping @Sendable (String) async -> [[UInt8]] = { _ in [] },
                    hosts: [String]? = nil,
                    configure tweak: (inout LiveFetchConfiguration) -> Void = { _ in }) async throws -> LivePageSource {
    var c = LiveFetchConfiguration()
    c.allowPrivate = allowPrivate
    if let hosts {
        c.connectTo = hosts.map { ConnectToRule(host: $0, port: nil, address: "127.0.0.1", addressPort: server.port) }
    } else {
        c.connectTo = [ConnectToRule(host: nil, port: nil, address: "127.0.0.1", addressPort: server.port)]
    }
    c.schemes = ["http"]
    c.tryWWW = false
    c.perHostInterval = .zero
    c.connectTimeout = .seconds(2)
    c.readTimeout = .seconds(3)
    c.totalTimeout = .seconds(5)
    c.retryBackoff = .milliseconds(5)
    tweak(&c)
    return try await LivePageSource.start(c, clock: clock, lookup: lookup, addressCheck: addressCheck)
}

/// Only 127.0.0.1 itself is allowed; every other non-public address is refused as usual.
let onlyTheTestServer: @Sendable ([UInt8]) -> String? = { bytes in
    bytes == [127, 0, 0, 1] ? nil : AddressPolicy.refusal(bytes)
}
