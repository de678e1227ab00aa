import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// What the loopback test server answers for one request.
enum Reply: Sendable {
    /// A complete response.
    case page(status: Int, headers: [(String, String)], body: [UInt8])
    /// Accepts the request and never answers.
    case hang
    /// `count` bytes of HTML streamed in 64 KB chunks (no content-length).
    case stream(count: Int)

    static func html(_ text: String, status: Int = 200, type: String = "text/html; charset=utf-8",
                     headers: [(String, String)] = []) -> Reply {
        .page(status: status, headers: [("content-type", type)] + headers, body: Array(text.utf8))
    }

    static func redirect(_ location: String, status: Int = 301) -> Reply {
        .page(status: status, headers: [("location", location)], body: [])
    }

    static let notFound = Reply.page(status: 404, headers: [("content-type", "text/html")], body: Array("<h1>404</h1>".utf8))
}

/// One request the server saw.
struct SeenRequest: Sendable {
    var host: String
    var path: String
    var headers: [(String, String)]
    /// The test clock's elapsed time when the request arrived.
    var at: Duration
}

/// A real HTTP/1.1 server on 127.0.0.1 (random port) that answers from a closure and records requests.
final class LoopbackServer: Sendable {
    let port: Int
    private let channel: any Channel
    private let log: Recorder

    private init(port: Int, channel: any Channel, log: Recorder) {
        self.port = port
        self.channel = channel
        self.log = log
    }

    /// Starts the server; `latency` delays every answer (the benchmark's per-page latency).
    static func start(latency: TimeAmount = .zero, now: @escaping @Sendable () -> Duration = { .zero },
                      answer: @escaping @Sendable (_ host: String, _ path: String, _ headers: [(String, String)]) -> Reply) async throws -> LoopbackServer {
        let log = Recorder()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.pipeline.configureHTTPServerPipeline().flatMapThrowing {
                    try child.pipeline.syncOperations.addHandler(
                        SiteHandler(answer: answer, log: log, latency: latency, now: now))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return LoopbackServer(port: channel.localAddress?.port ?? 0, channel: channel, log: log)
    }

    /// Every request so far.
    var requests: [SeenRequest] { log.all }

    /// Requests for one host (without port).
    func requests(host: String) -> [SeenRequest] { log.all.filter { $0.host == host } }

    func stop() async { try? await channel.close() }
}

final class Recorder: @unchecked Sendable {
    private var items: [SeenRequest] = []
    private let lock = NSLock()
    func add(_ r: SeenRequest) { lock.lock(); items.append(r); lock.unlock() }
    var all: [SeenRequest] { lock.lock(); defer { lock.unlock() }; return items }
}

private final class SiteHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let answer: @Sendable (String, String, [(String, String)]) -> Reply
    let log: Recorder
    let latency: TimeAmount
    let now: @Sendable () -> Duration
    private var head: HTTPRequestHead?

    init(answer: @escaping @Sendable (String, String, [(String, String)]) -> Reply, log: Recorder, latency: TimeAmount,
         now: @escaping @Sendable () -> Duration) {
        self.answer = answer
        self.log = log
        self.latency = latency
        self.now = now
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h
        case .body: break
        case .end:
            guard let h = head else { return }
            head = nil
            var host = h.headers.first(name: "host")?.lowercased() ?? ""
            if let colon = host.lastIndex(of: ":") { host = String(host[..<colon]) }
            let headers = h.headers.map { ($0.name.lowercased(), $0.value) }
            log.add(SeenRequest(host: host, path: h.uri, headers: headers, at: now()))
            let reply = answer(host, h.uri, headers)
            if latency > .zero {
                context.eventLoop.assumeIsolated().scheduleTask(in: latency) { self.send(reply, context: context) }
            } else {
                send(reply, context: context)
            }
        }
    }

    private func send(_ reply: Reply, context: ChannelHandlerContext) {
        switch reply {
        case .hang:
            return
        case .page(let status, let headers, let body):
            var head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status))
            for (k, v) in headers { head.headers.add(name: k, value: v) }
            head.headers.replaceOrAdd(name: "content-length", value: String(body.count))
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        case .stream(let count):
            var head = HTTPResponseHead(version: .http1_1, status: .ok)
            head.headers.add(name: "content-type", value: "text/html")
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            let chunk = ByteBuffer(bytes: [UInt8](repeating: 0x61, count: 64 * 1024))
            var sent = 0
            while sent < count {
                context.write(wrapOutboundOut(.body(.byteBuffer(chunk))), promise: nil)
                sent += chunk.readableBytes
            }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
