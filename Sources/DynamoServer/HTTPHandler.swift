import DynamoModel
import NIOCore
import NIOHTTP1
import NIOPosix

/// Serves one connection: aggregates a request's body (refusing one over the limit before
/// reading it), routes it, and writes the answer with DynamoDB's headers.
///
/// `HTTPServerPipelineHandler` sits in front, so at most one request per connection is being
/// answered at a time (pipelined requests wait, answers stay in order) and a quiescing server
/// closes the connection after the answer in progress.
final class DynamoHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case idle
        case receiving(HTTPRequestHead, ByteBuffer)
        /// The body is over the limit: the refusal is written; what still arrives is dropped.
        case refusing
    }

    private var state = State.idle
    private var requestIDs = RequestIDGenerator()
    private let router: RequestRouter
    private let maxBodyBytes: Int
    /// Nil: requests run on the event loop thread (the engine is synchronous and thread-safe).
    private let threadPool: NIOThreadPool?

    init(router: RequestRouter, maxBodyBytes: Int, threadPool: NIOThreadPool?) {
        self.router = router
        self.maxBodyBytes = maxBodyBytes
        self.threadPool = threadPool
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            let declared = head.headers.first(name: "content-length").flatMap { Int($0) }
            if let declared, declared > maxBodyBytes {
                refuse(context: context, head: head, size: "\(declared) bytes")
                return
            }
            // Room for the declared body up front: one allocation, no regrowth.
            let buffer = context.channel.allocator.buffer(capacity: min(declared ?? 0, maxBodyBytes))
            state = .receiving(head, buffer)
        case .body(var chunk):
            switch state {
            case .receiving(let head, var buffer):
                // Chunked bodies have no Content-Length: cap them while aggregating.
                guard buffer.readableBytes + chunk.readableBytes <= maxBodyBytes else {
                    state = .idle
                    refuse(context: context, head: head, size: "more than \(maxBodyBytes) bytes")
                    return
                }
                state = .idle  // drop the buffer's second reference before appending: no copy
                buffer.writeBuffer(&chunk)
                state = .receiving(head, buffer)
            case .idle, .refusing:
                break
            }
        case .end:
            switch state {
            case .receiving(let head, let body):
                state = .idle
                process(context: context, head: head, body: body)
            case .refusing:
                context.close(promise: nil)
            case .idle:
                break
            }
        }
    }

    private func process(context: ChannelHandlerContext, head: HTTPRequestHead, body: ByteBuffer) {
        let requestID = requestIDs.next()
        guard let threadPool else {
            let response = router.respond(to: head, body: body)
            write(context: context, head: head, response: response, requestID: requestID)
            return
        }
        let router = self.router
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        threadPool.runIfActive(eventLoop: context.eventLoop) {
            router.respond(to: head, body: body)
        }.whenComplete { result in
            let (handler, context) = bound.value
            let response: RoutedResponse
            switch result {
            case .success(let routed): response = routed
            case .failure: response = RoutedResponse(error: DynamoError(.internalServerError, "The server is shutting down"))
            }
            handler.write(context: context, head: head, response: response, requestID: requestID)
        }
    }

    /// Answers 413 with DynamoDB's error body from the declared size alone, then closes: the
    /// body is never buffered (bytes still in flight are discarded as they arrive).
    private func refuse(context: ChannelHandlerContext, head: HTTPRequestHead, size: String) {
        state = .refusing
        let error = DynamoError(.validation, "Request body of \(size) exceeds DynamoDB's limit of \(maxBodyBytes) bytes")
        write(context: context, head: head, response: RoutedResponse(error: error, status: .payloadTooLarge),
              requestID: requestIDs.next(), forceClose: true)
    }

    private func write(context: ChannelHandlerContext, head: HTTPRequestHead, response: RoutedResponse,
                       requestID: String, forceClose: Bool = false) {
        let keepAlive = head.isKeepAlive && !forceClose
        var headers = HTTPHeaders()
        headers.reserveCapacity(6)
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: String(response.body.count))
        headers.add(name: "x-amzn-RequestId", value: requestID)
        headers.add(name: "x-amz-crc32", value: String(CRC32.checksum(response.body)))
        if !keepAlive {
            headers.add(name: "Connection", value: "close")
        } else if head.version.minor == 0 {
            headers.add(name: "Connection", value: "keep-alive")
        }
        let responseHead = HTTPResponseHead(version: head.version, status: response.status, headers: headers)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        if head.method != .HEAD {
            var buffer = context.channel.allocator.buffer(capacity: response.body.count)
            buffer.writeBytes(response.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let written = context.writeAndFlushEndPart(wrapOutboundOut(.end(nil)))
        if !keepAlive && !forceClose {
            let channel = context.channel
            written.whenComplete { _ in channel.close(promise: nil) }
        }
        if forceClose {
            // Half-close first, so a client still sending reads the refusal rather than a
            // reset; the connection closes when the request ends or after a grace period.
            let channel = context.channel
            written.whenComplete { _ in
                channel.close(mode: .output, promise: nil)
                channel.eventLoop.scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

extension ChannelHandlerContext {
    fileprivate func writeAndFlushEndPart(_ data: NIOAny) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        writeAndFlush(data, promise: promise)
        return promise.futureResult
    }
}
