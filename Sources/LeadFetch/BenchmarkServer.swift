import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP server for the live-fetch benchmark: any host name is a small company site (home
/// page linking about/contact/team pages, robots.txt allowing all), every answer delayed by `latency`.
public final class BenchmarkServer: Sendable {
    /// The port on 127.0.0.1.
    public let port: Int
    private let channel: any Channel
    private let counter: RequestCounter

    private init(port: Int, channel: any Channel, counter: RequestCounter) {
        self.port = port
        self.channel = channel
        self.counter = counter
    }

    /// Starts the server on a free port.
    public static func start(latency: Duration) async throws -> BenchmarkServer {
        let latency = TimeAmount(latency)
        let counter = RequestCounter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.pipeline.configureHTTPServerPipeline().flatMapThrowing {
                    try child.pipeline.syncOperations.addHandler(BenchSiteHandler(latency: latency, counter: counter))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return BenchmarkServer(port: channel.localAddress?.port ?? 0, channel: channel, counter: counter)
    }

    /// Requests answered so far.
    public var requests: Int { counter.value }

    public func stop() async { try? await channel.close() }

    static func page(host: String, path: String) -> (Int, String, String) {
        switch path {
        case "/robots.txt": return (200, "text/plain", "User-agent: *\nDisallow: /private/\n")
        case "/":
            return (200, "text/html; charset=utf-8", """
            <!doctype html><html lang="en"><head><title>\(host) | Industrial pumps</title>
            <meta name="description" content="\(host) builds industrial pumps since 1987.">
            <script type="application/ld+json">{"@type":"Organization","name":"\(host)","foundingDate":"1987","numberOfEmployees":{"@type":"QuantitativeValue","value":120}}</script>
            </head><body><nav><a href="/about-us">About</a> <a href="/contact">Contact</a> <a href="/team">Team</a></nav>
            <p>\(String(repeating: "We design, build and service pumps for water and chemistry. ", count: 40))</p></body></html>
            """)
        case "/about-us", "/contact", "/team":
            return (200, "text/html; charset=utf-8", """
            <!doctype html><html><head><title>\(path) – \(host)</title></head><body><h1>\(path)</h1>
            <p>Founded in 1987, we employ about 120 people. Call +31 20 123 4567 or mail info@\(host).</p>
            <p>\(String(repeating: "Our team serves customers across Europe. ", count: 60))</p></body></html>
            """)
        default: return (404, "text/html", "<h1>not found</h1>")
        }
    }
}

final class RequestCounter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

private final class BenchSiteHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let latency: TimeAmount
    let counter: RequestCounter
    private var head: HTTPRequestHead?

    init(latency: TimeAmount, counter: RequestCounter) {
        self.latency = latency
        self.counter = counter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h
        case .body: break
        case .end:
            guard let h = head else { return }
            head = nil
            counter.increment()
            var host = h.headers.first(name: "host") ?? "site"
            if let colon = host.lastIndex(of: ":") { host = String(host[..<colon]) }
            let (status, type, body) = BenchmarkServer.page(host: host, path: h.uri)
            context.eventLoop.assumeIsolated().scheduleTask(in: latency) {
                var response = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status))
                response.headers.add(name: "content-type", value: type)
                response.headers.add(name: "content-length", value: String(body.utf8.count))
                context.write(self.wrapOutboundOut(.head(response)), promise: nil)
                context.write(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
                context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
