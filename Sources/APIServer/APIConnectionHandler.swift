import Foundation
import KubeAPI
import NIOCore
import NIOHTTP1

/// One client connection: reads a request (body capped), hands it to the cluster's thread,
/// writes the answer back — whole, or as a chunked stream for a watch — and keeps the
/// connection for the next request. Runs on the connection's event loop; the cluster's thread
/// comes back only through `eventLoop.execute`.
final class APIConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        /// Between requests.
        case idle
        case receiving(HTTPRequestHead, [UInt8])
        /// Answered with 413 before the body ended: the rest is read and dropped, then the
        /// connection closes (closing at once would reset it before the client reads the answer).
        case discarding
        /// The cluster has the request.
        case waiting(HTTPRequestHead)
        case streaming(ChunkedStreamSink, HTTPRequestHead)
        /// A streamed body (a large list) going out as chunks, one piece per socket drain.
        case sendingBody(HTTPRequestHead, () -> [UInt8]?)
        case closed
    }

    /// About 68 years: a longer `timeoutSeconds` sets no timer (NIO counts time in int64 nanoseconds).
    static let longestStreamTimeoutSeconds = Double(Int32.max)

    private let core: APIServerCore
    private var state = State.idle
    /// Parts of requests sent before the current one was answered.
    private var held: [HTTPServerRequestPart] = []
    private var heldBytes = 0
    private var context: ChannelHandlerContext?
    /// The idle timeout between requests, the read timeout while one arrives, or the response
    /// timeout while a streamed answer goes out.
    private var timer: Scheduled<Void>?
    /// A watch's `timeoutSeconds`.
    private var streamTimer: Scheduled<Void>?

    init(core: APIServerCore) { self.core = core }

    private var loopBound: NIOLoopBound<APIConnectionHandler> {
        NIOLoopBound(self, eventLoop: context!.eventLoop)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        armTimer(seconds: core.limits.idleTimeoutSeconds)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimers()
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimers()
        if case .streaming(let sink, _) = state { sink.close() }
        state = .closed
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if case .closed = state { return }
        // Parts already held go first.
        if isReading && held.isEmpty { receive(part) } else { hold(part) }
    }

    /// A request that arrives while the previous one is being answered (pipelining) waits its
    /// turn. The socket is read all the time (NIO's pipelining helper would stop reading, and a
    /// watcher that hangs up would then go unnoticed until the next event).
    private func hold(_ part: HTTPServerRequestPart) {
        if case .body(let buffer) = part { heldBytes += buffer.readableBytes }
        held.append(part)
        if heldBytes > core.limits.maxRequestBodyBytes || held.count > 1024 {
            state = .closed
            context?.close(promise: nil)
        }
    }

    /// Requests held while busy, now that the connection is free: parts go on until one
    /// completes a request and makes the connection busy again. Only while the client takes
    /// its answers: one that sends requests without reading them waits with them held (and is
    /// closed past the bound) instead of piling answers up in memory.
    private func replayHeld() {
        guard context?.channel.isWritable == true else { return }
        while !held.isEmpty, isReading {
            let part = held.removeFirst()
            if case .body(let buffer) = part { heldBytes -= buffer.readableBytes }
            receive(part)
        }
    }

    /// Whether a request part is taken now rather than held.
    private var isReading: Bool {
        switch state {
        case .idle, .receiving, .discarding: true
        case .waiting, .streaming, .sendingBody, .closed: false
        }
    }

    private func receive(_ part: HTTPServerRequestPart) {
        guard let context else { return }
        switch part {
        case .head(let head):
            guard case .idle = state else { return }
            armTimer(seconds: core.limits.requestReadTimeoutSeconds)
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > core.limits.maxRequestBodyBytes {
                reject(head)
                return
            }
            state = .receiving(head, [])
            // curl asks before sending a body over 1 MiB; without an answer it waits a second.
            if head.headers.first(name: "expect")?.lowercased() == "100-continue" {
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
            }
        case .body(let buffer):
            guard case .receiving(let head, var body) = state else { return }
            state = .idle  // let go of `body`'s storage so the append does not copy it
            if body.count + buffer.readableBytes > core.limits.maxRequestBodyBytes {
                reject(head)
                return
            }
            body.append(contentsOf: buffer.readableBytesView)
            state = .receiving(head, body)
        case .end:
            switch state {
            case .receiving(let head, let body):
                cancelTimer()
                state = .waiting(head)
                dispatch(head, body: body)
            case .discarding:
                state = .closed
                context.close(promise: nil)
            default:
                break
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Malformed HTTP: a 400 Status, then close (the parser cannot find the next request).
        if error is HTTPParserError {
            switch state {
            case .idle, .receiving:
                state = .closed
                let response = StatusError.badRequest("the request could not be parsed as HTTP/1.1: \(error)").response
                write(response, version: .http1_1, keepAlive: false)
                return
            default:
                break
            }
        }
        // A reset, or an end of file in the middle of a request: a stream still open ends too.
        if case .streaming(let sink, _) = state { sink.close() }
        state = .closed
        context.close(promise: nil)
    }

    // MARK: requests

    /// The body is too large: 413 now, then drop the rest of the body (or close at once when
    /// the client waits for `100 Continue` and will never send it).
    private func reject(_ head: HTTPRequestHead) {
        let waitsForContinue = head.headers.first(name: "expect")?.lowercased() == "100-continue"
        state = waitsForContinue ? .closed : .discarding
        write(StatusError.tooLarge().response, version: head.version, keepAlive: false, closeAfter: waitsForContinue)
    }

    /// Hands the request to the cluster's thread; the answer comes back to this event loop.
    private func dispatch(_ head: HTTPRequestHead, body: [UInt8]) {
        let request = APIRequest(method: head.method.rawValue, target: head.uri,
                                 headers: head.headers.map { (name: $0.name, value: $0.value) }, body: body)
        let connection = loopBound
        let loop = context!.eventLoop
        let core = core
        core.queue.submit {
            switch core.reply(to: request) {
            case .response(let response):
                loop.execute { connection.value.answer(response) }
            case .stream(let stream):
                guard core.reserveWatch() else {
                    stream.stop()
                    let refusal = StatusError.tooManyRequests("Too many requests, please try again later.", retryAfterSeconds: 1).response
                    loop.execute { connection.value.answer(refusal) }
                    return
                }
                let sink = ChunkedStreamSink(eventLoop: loop, connection: connection, limit: core.limits.maxPendingStreamBytes) {
                    core.releaseWatch()
                    core.queue.submit { stream.stop() }
                }
                // Queued before `start` can send anything, so the head goes out first.
                loop.execute { connection.value.beginStream(stream.head, sink: sink, timeoutSeconds: stream.timeoutSeconds) }
                stream.start(sink)
            }
        }
    }

    private func answer(_ response: APIResponse) {
        guard case .waiting(let head) = state else { return }
        if let streamed = response.streamedBody, head.method != .HEAD {
            beginBody(response, pieces: streamed.pieces(), head: head)
            return
        }
        state = head.isKeepAlive ? .idle : .closed
        write(response, version: head.version, keepAlive: head.isKeepAlive, omitBody: head.method == .HEAD)
        if head.isKeepAlive {
            armTimer(seconds: core.limits.idleTimeoutSeconds)
            replayHeld()
        }
    }

    /// `omitBody` for HEAD: the headers of the GET answer, no body.
    private func write(_ response: APIResponse, version: HTTPVersion, keepAlive: Bool, closeAfter: Bool? = nil, omitBody: Bool = false) {
        guard let context else { return }
        let body = response.body
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        headers.replaceOrAdd(name: "Content-Length", value: "\(body.count)")
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: .init(statusCode: response.status), headers: headers))), promise: nil)
        if !body.isEmpty && !omitBody {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if closeAfter ?? !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    // MARK: streamed bodies

    /// Starts a streamed body. As Go's server does, a body that ends within its first piece goes
    /// out whole with a Content-Length; a longer one is chunked.
    private func beginBody(_ response: APIResponse, pieces: @escaping () -> [UInt8]?, head: HTTPRequestHead) {
        guard let context else { return }
        let first = pieces() ?? []
        guard let second = pieces() else {
            var whole = response
            whole.body = first
            answer(whole)
            return
        }
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        headers.remove(name: "Content-Length")
        Self.frameStream(&headers, for: head)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .init(statusCode: response.status), headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: first)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: second)))), promise: nil)
        state = .sendingBody(head, pieces)
        armTimer(seconds: core.limits.responseTimeoutSeconds)
        sendPieces()
    }

    /// Writes the next piece while the socket takes them; when it does not, `channelWritabilityChanged`
    /// comes back here. Each piece is its own event-loop task, so other connections on this loop
    /// are served in between.
    private func sendPieces() {
        guard case .sendingBody(let head, let pieces) = state, let context, context.channel.isWritable else { return }
        guard let piece = pieces() else {
            endBody(head, context)
            return
        }
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: piece)))), promise: nil)
        let connection = loopBound
        context.eventLoop.execute { connection.value.sendPieces() }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            sendPieces()
            replayHeld()
        }
        context.fireChannelWritabilityChanged()
    }

    // MARK: streams

    func beginStream(_ response: APIResponse, sink: ChunkedStreamSink, timeoutSeconds: Double?) {
        guard case .waiting(let head) = state, let context else {
            sink.close()
            return
        }
        state = .streaming(sink, head)
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        headers.remove(name: "Content-Length")
        Self.frameStream(&headers, for: head)
        context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .init(statusCode: response.status), headers: headers))), promise: nil)
        // timeoutSeconds is any int64; one past what the clock counts (`9223372036854775807`)
        // means no end, as it does to a client, rather than a timer that overflows.
        if let timeoutSeconds, timeoutSeconds >= 0, timeoutSeconds < Self.longestStreamTimeoutSeconds {
            let connection = loopBound
            streamTimer = context.eventLoop.scheduleTask(in: .milliseconds(Int64(timeoutSeconds * 1000))) {
                connection.value.endStream(sink)
            }
        }
    }

    /// Writes each event as its own chunk, then flushes once (the socket gets them in one writev).
    func writeChunks(_ chunks: [[UInt8]], for sink: ChunkedStreamSink) {
        let count = chunks.reduce(0) { $0 + $1.count }
        guard case .streaming(let current, _) = state, current === sink, let context, !chunks.isEmpty else {
            sink.written(count)
            return
        }
        for chunk in chunks.dropLast() {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: chunk)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: chunks[chunks.count - 1]))))).whenComplete { _ in
            sink.written(count)
        }
    }

    /// The stream is over (the producer finished, or `timeoutSeconds` passed): the last chunk,
    /// and the connection is ready for the next request.
    func endStream(_ sink: ChunkedStreamSink) {
        guard case .streaming(let current, let head) = state, current === sink, let context else { return }
        streamTimer?.cancel()
        streamTimer = nil
        sink.close()
        endBody(head, context)
    }

    /// The last chunk of a response: a keep-alive connection waits for its next request (and
    /// serves any that arrived meanwhile); another closes once the chunk is out.
    private func endBody(_ head: HTTPRequestHead, _ context: ChannelHandlerContext) {
        let keepAlive = head.isKeepAlive && head.canReadChunks
        state = keepAlive ? .idle : .closed
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if keepAlive {
            armTimer(seconds: core.limits.idleTimeoutSeconds)
            replayHeld()
        } else {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// The framing of a body whose length is not known when its head goes out: chunked, or for
    /// an HTTP/1.0 client, which cannot read chunks, the body as it is, ended by closing the
    /// connection (as Go's server answers HTTP/1.0).
    private static func frameStream(_ headers: inout HTTPHeaders, for head: HTTPRequestHead) {
        if head.canReadChunks {
            headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
        } else {
            headers.remove(name: "Transfer-Encoding")
        }
        if !(head.isKeepAlive && head.canReadChunks) { headers.replaceOrAdd(name: "Connection", value: "close") }
    }

    /// The watcher fell too far behind: drop the connection.
    func abortStream(_ sink: ChunkedStreamSink) {
        guard case .streaming(let current, _) = state, current === sink, let context else { return }
        state = .closed
        context.close(promise: nil)
    }

    // MARK: timers

    private func armTimer(seconds: Int64) {
        cancelTimer()
        guard let context else { return }
        let connection = loopBound
        timer = context.eventLoop.scheduleTask(in: .seconds(seconds)) { connection.value.timedOut() }
    }

    private func timedOut() {
        timer = nil
        switch state {
        case .idle, .receiving, .discarding, .sendingBody:
            state = .closed
            context?.close(promise: nil)
        default:
            break
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }

    private func cancelTimers() {
        cancelTimer()
        streamTimer?.cancel()
        streamTimer = nil
    }
}

private extension HTTPRequestHead {
    /// Chunked transfer coding is HTTP/1.1's.
    var canReadChunks: Bool { version.major == 1 && version.minor >= 1 }
}
