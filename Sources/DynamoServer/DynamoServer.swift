import DynamoModel
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// `iops serve`: DynamoDB's JSON 1.0 protocol over HTTP/1.1 (keep-alive, pipelining) for both
/// services on one endpoint, as DynamoDB Local does, in front of a synchronous store.
///
/// Lifecycle: `start` binds and returns; `shutdownGracefully` stops accepting, lets every
/// request in progress finish and be answered, closes idle connections, stops the background
/// maintenance after its current run, and only then stops the threads.
public final class DynamoServer: Sendable {
    public struct Configuration: Sendable {
        /// Loopback unless asked otherwise: the server accepts any credentials by default.
        public var host = "127.0.0.1"
        /// 0 picks a free port; `port` on the started server tells which.
        public var port = 8000
        /// Verifies SigV4 when set (`--require-signature`); nil accepts any credentials.
        public var signatureVerifier: SignatureVerifier?
        /// DynamoDB's request size limit (16 MB).
        public var maxBodyBytes = 16 * 1024 * 1024
        /// Seconds between background maintenance runs (TTL sweep, stream retention).
        public var maintenanceInterval: Double = 60
        /// Event loop threads; requests run on them unless `offloadRequests`.
        public var eventLoopThreads = System.coreCount
        /// Run requests on a thread pool instead of the event loop: keeps the loops responsive
        /// when requests block (a long scan, a store locked by another process) at the cost of
        /// two thread hops per request.
        public var offloadRequests = false
        /// Threads for maintenance (and for requests when offloaded).
        public var poolThreads = System.coreCount
        /// How long shutdown waits for requests in progress before closing their connections.
        public var shutdownTimeout: Double = 30
        /// Where problems in the background go (a failed sweep); stderr in `iops serve`.
        public var log: @Sendable (String) -> Void = { _ in }

        public init() {}
    }

    /// Where the server listens; `port` is the real one when 0 was asked.
    public let host: String
    public let port: Int

    private let group: MultiThreadedEventLoopGroup
    private let threadPool: NIOThreadPool
    private let serverChannel: any Channel
    private let connections: ConnectionRegistry
    private let maintenanceTask: RepeatedTask?
    private let configuration: Configuration
    private let lifecycle = NIOLockedValueBox(Lifecycle())

    private struct Lifecycle {
        var stopping = false
        var stopped = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Binds and starts serving. `maintenance` runs every `maintenanceInterval` seconds on a
    /// pool thread, never twice at once (the embedded engine's `sweepExpiredItems`).
    public static func start(
        configuration: Configuration, handler: any JSONRequestHandling,
        maintenance: (@Sendable () throws -> Void)? = nil
    ) async throws -> DynamoServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.eventLoopThreads))
        let threadPool = NIOThreadPool(numberOfThreads: max(1, configuration.poolThreads))
        threadPool.start()
        let connections = ConnectionRegistry()
        let router = RequestRouter(handler: handler, verifier: configuration.signatureVerifier)
        let offload = configuration.offloadRequests ? threadPool : nil
        let maxBodyBytes = configuration.maxBodyBytes
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelOption(.maxMessagesPerRead, value: 16)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        try sync.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
                        try sync.addHandler(DynamoHTTPHandler(router: router, maxBodyBytes: maxBodyBytes, threadPool: offload))
                        // Registered once the pipeline can honour a quiesce event; a connection
                        // accepted while the server stops is closed at once.
                        if !connections.add(channel) { channel.close(promise: nil) }
                    }
                }
                .bind(host: configuration.host, port: configuration.port)
                .get()
        } catch {
            try? await threadPool.shutdownGracefully()
            try? await group.shutdownGracefully()
            throw error
        }
        var maintenanceTask: RepeatedTask?
        if let maintenance, configuration.maintenanceInterval > 0 {
            let period = TimeAmount.nanoseconds(Int64(configuration.maintenanceInterval * 1_000_000_000))
            let log = configuration.log
            let loop = group.next()
            maintenanceTask = loop.scheduleRepeatedAsyncTask(initialDelay: period, delay: period) { _ in
                threadPool.runIfActive(eventLoop: loop) {
                    do { try maintenance() } catch { log("iops serve: background maintenance failed: \(error)") }
                }
            }
        }
        return DynamoServer(group: group, threadPool: threadPool, serverChannel: channel, connections: connections,
                            maintenanceTask: maintenanceTask, configuration: configuration)
    }

    private init(group: MultiThreadedEventLoopGroup, threadPool: NIOThreadPool, serverChannel: any Channel,
                 connections: ConnectionRegistry, maintenanceTask: RepeatedTask?, configuration: Configuration) {
        self.group = group
        self.threadPool = threadPool
        self.serverChannel = serverChannel
        self.connections = connections
        self.maintenanceTask = maintenanceTask
        self.configuration = configuration
        host = configuration.host
        port = serverChannel.localAddress?.port ?? configuration.port
    }

    /// Connections open now (for tests and diagnostics).
    public var openConnections: Int { connections.count }

    /// Stops accepting, finishes what is in progress, then stops. Safe to call more than once
    /// and from several tasks: every caller returns once the server has stopped.
    public func shutdownGracefully() async {
        let first = lifecycle.withLockedValue { state -> Bool in
            defer { state.stopping = true }
            return !state.stopping
        }
        guard first else { return await waitUntilStopped() }

        try? await serverChannel.close()
        let open = connections.quiesce()
        for channel in open {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        // Every connection closes after the answer it owes; a stuck one is cut at the timeout.
        let loop = group.next()
        let closed = EventLoopFuture.andAllComplete(open.map(\.closeFuture), on: loop)
        let timeout = loop.scheduleTask(in: .nanoseconds(Int64(configuration.shutdownTimeout * 1_000_000_000))) {
            for channel in open { channel.close(promise: nil) }
        }
        try? await closed.get()
        timeout.cancel()
        if let maintenanceTask {
            let cancelled = loop.makePromise(of: Void.self)
            maintenanceTask.cancel(promise: cancelled)  // fulfilled after a run in progress ends
            try? await cancelled.futureResult.get()
        }
        try? await threadPool.shutdownGracefully()
        try? await group.shutdownGracefully()
        let waiters = lifecycle.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
            state.stopped = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the server has stopped (after `shutdownGracefully`, from anywhere).
    public func waitUntilStopped() async {
        await withCheckedContinuation { continuation in
            let resumeNow = lifecycle.withLockedValue { state -> Bool in
                if state.stopped { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}

/// Open connections, so shutdown can ask each to finish and wait for it.
final class ConnectionRegistry: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var quiescing = false
    }

    private let state = NIOLockedValueBox(State())

    /// False once the server is stopping: the caller closes the channel.
    func add(_ channel: any Channel) -> Bool {
        let id = ObjectIdentifier(channel)
        let added = state.withLockedValue { state -> Bool in
            guard !state.quiescing else { return false }
            state.channels[id] = channel
            return true
        }
        if added {
            channel.closeFuture.whenComplete { [state] _ in
                state.withLockedValue { _ = $0.channels.removeValue(forKey: id) }
            }
        }
        return added
    }

    /// Marks the server as stopping and returns the connections open now.
    func quiesce() -> [any Channel] {
        state.withLockedValue { state in
            state.quiescing = true
            return Array(state.channels.values)
        }
    }

    var count: Int { state.withLockedValue { $0.channels.count } }
}
