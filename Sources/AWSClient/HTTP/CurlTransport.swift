import CCurl
import Dispatch
import Foundation

/// libcurl wants `curl_global_init` once per process, before any handle and not concurrently
/// with anything else; a global `let` runs its initialiser exactly once, thread-safely.
private let curlGlobalInitialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

/// `HTTPTransport` on libcurl easy handles.
///
/// Each easy handle keeps its own connection cache, so handles are pooled (most recently used
/// first) and a sequence of requests reuses one kept-alive connection. A transfer blocks its
/// thread, so each pooled handle has its own serial dispatch queue (serial queues may start a
/// new thread rather than wait for the cooperative pool): the calling task only suspends.
///
/// TLS peers are verified, proxies come from the environment as curl reads them
/// (`https_proxy`, `no_proxy`, …), and `Expect: 100-continue` is never sent (one round trip
/// saved per request; DynamoDB bodies are small).
public final class CurlTransport: HTTPTransport {
    public struct Options: Sendable {
        /// Time allowed to connect (TCP and TLS).
        public var connectTimeout: Duration
        /// Time allowed for the whole transfer, connect included.
        public var timeout: Duration
        /// Idle handles (and so open connections) kept for reuse.
        public var maxIdleHandles: Int

        public init(connectTimeout: Duration = .seconds(5), timeout: Duration = .seconds(60), maxIdleHandles: Int = 4) {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.maxIdleHandles = maxIdleHandles
        }
    }

    public let options: Options
    private let pool: HandlePool

    public init(options: Options = Options()) {
        self.options = options
        self.pool = HandlePool(maxIdle: max(0, options.maxIdleHandles))
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard curlGlobalInitialised else {
            throw TransportError(kind: .other, url: request.url, detail: "libcurl failed to initialise")
        }
        try Task.checkCancellation()
        guard let worker = pool.take() else {
            throw TransportError(kind: .other, url: request.url, detail: "curl_easy_init failed")
        }
        let cancel = CancelFlag()
        let options = self.options
        let result: Result<HTTPResponse, any Error> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                worker.queue.async {
                    continuation.resume(returning: worker.perform(request, options: options, cancel: cancel))
                }
            }
        } onCancel: {
            cancel.set()
        }
        pool.giveBack(worker)
        return try result.get()
    }
}

/// Set when the calling task is cancelled; curl's progress callback reads it and aborts.
private final class CancelFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// Idle workers, most recently used last, so the warmest connection is reused first.
private final class HandlePool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Worker] = []
    private let maxIdle: Int

    init(maxIdle: Int) { self.maxIdle = maxIdle }

    func take() -> Worker? {
        if let worker = lock.withLock({ idle.popLast() }) { return worker }
        return Worker()
    }

    func giveBack(_ worker: Worker) {
        lock.withLock {
            if idle.count < maxIdle { idle.append(worker) }
        }
    }
}

/// One easy handle and the serial queue its transfers run on. Only one request uses a worker
/// at a time (the pool hands it out exclusively), hence `@unchecked Sendable`.
private final class Worker: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    let queue = DispatchQueue(label: "iops.curl.transfer")

    init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    /// Runs one transfer, blocking this thread until it ends.
    func perform(_ request: HTTPRequest, options: CurlTransport.Options, cancel: CancelFlag) -> Result<HTTPResponse, any Error> {
        let transfer = Transfer(cancel: cancel)
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        defer {
            // Reset drops every pointer the handle holds into this transfer but keeps its
            // live connections.
            curl_easy_reset(handle)
            curl_slist_free_all(headerList)
            errorBuffer.deallocate()
        }

        let url = request.url
        curl_easy_reset(handle)
        _ = ccurl_setopt_string(handle, CURLOPT_URL, url)
        _ = ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        // Signals cannot be used for timeouts by a multi-threaded program.
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(options.connectTimeout))
        _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(options.timeout))
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        _ = ccurl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1)
        _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)

        let context = Unmanaged.passUnretained(transfer).toOpaque()
        _ = ccurl_setopt_write_function(handle, writeCallback)
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = ccurl_setopt_header_function(handle, headerCallback)
        _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        _ = ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
        _ = ccurl_setopt_xferinfo_function(handle, progressCallback)
        _ = ccurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context)

        var hasContentType = false
        for header in request.headers {
            let name = header.name.lowercased()
            // curl writes Content-Length itself; an Expect from the caller is dropped like ours.
            if name == "content-length" || name == "expect" { continue }
            if name == "content-type" { hasContentType = true }
            // `Name;` is curl's syntax for a header with an empty value (`Name:` removes it).
            headerList = curl_slist_append(headerList, header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        headerList = curl_slist_append(headerList, "Expect:")
        let method = request.method.uppercased()
        let sendsBody = !(method == "GET" || method == "HEAD") || !request.body.isEmpty
        if sendsBody && !hasContentType {
            // Otherwise curl labels a POST body as a form.
            headerList = curl_slist_append(headerList, "Content-Type:")
        }
        _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)

        let code: CURLcode = request.body.withUnsafeBufferPointer { body in
            if method == "HEAD" {
                _ = ccurl_setopt_long(handle, CURLOPT_NOBODY, 1)
            } else if !sendsBody {
                _ = ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
            } else {
                _ = ccurl_setopt_long(handle, CURLOPT_POST, 1)
                _ = ccurl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                // Never NULL: with no fields set, curl would read the body from stdin.
                let fields = body.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) } ?? emptyBody
                _ = ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, fields)
                if method != "POST" { _ = ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method) }
            }
            return curl_easy_perform(handle)
        }

        guard code == CURLE_OK else {
            if code == CURLE_ABORTED_BY_CALLBACK && cancel.isSet { return .failure(CancellationError()) }
            var detail = String(cString: errorBuffer)
            if detail.isEmpty { detail = String(cString: curl_easy_strerror(code)) }
            return .failure(TransportError(kind: classify(code, detail: detail), url: url, detail: detail, curlCode: Int(code.rawValue)))
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: transfer.headers, body: transfer.body))
    }
}

/// What libcurl failed at, as the client's retry policy needs to know it.
private func classify(_ code: CURLcode, detail: String) -> TransportError.Kind {
    switch code {
    case CURLE_COULDNT_CONNECT: .connectionRefused
    case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .hostNotFound
    case CURLE_OPERATION_TIMEDOUT: .timedOut
    case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM: .connectionReset
    case CURLE_SSL_CONNECT_ERROR: .tlsHandshake
    case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM, CURLE_SSL_ISSUER_ERROR,
         CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_CRL_BADFILE: .tlsCertificate
    case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING: .invalidResponse
    // The URL's scheme is checked before sending, so this is a non-HTTP reply ("HTTP/0.9").
    case CURLE_UNSUPPORTED_PROTOCOL: detail.contains("HTTP/0.9") ? .invalidResponse : .invalidRequest
    case CURLE_URL_MALFORMAT: .invalidRequest
    default: .other
    }
}

private func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
}

/// A stable non-NULL pointer for an empty body.
nonisolated(unsafe) private let emptyBody = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

/// What one transfer collects; reached from curl's callbacks through their context pointer,
/// only on the worker's thread.
private final class Transfer {
    let cancel: CancelFlag
    var headers: [String: String] = [:]
    var body: [UInt8] = []

    init(cancel: CancelFlag) { self.cancel = cancel }

    /// One header line as curl delivers it (with its CRLF). A status line starts a new set:
    /// interim responses (`100 Continue`) come before the final one.
    func addHeaderLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        var line = Substring(String(decoding: bytes, as: UTF8.self))
        // "\r\n" is one Character, so test for newlines rather than compare with "\r" or "\n".
        while let last = line.last, last.isNewline { line.removeLast() }
        if line.hasPrefix("HTTP/") {
            headers = [:]
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return }
        if let existing = headers[name] {
            headers[name] = existing + ", " + value
        } else {
            headers[name] = value
        }
    }
}

private let writeCallback: ccurl_data_callback = { data, size, count, context in
    let length = size * count
    guard let data, let context, length > 0 else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
        transfer.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
    }
    return length
}

private let headerCallback: ccurl_data_callback = { data, size, count, context in
    let length = size * count
    guard let data, let context, length > 0 else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
        transfer.addHeaderLine(UnsafeBufferPointer(start: bytes, count: length))
    }
    return length
}

private let progressCallback: ccurl_xferinfo_callback = { context, _, _, _, _ in
    guard let context else { return 0 }
    return Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue().cancel.isSet ? 1 : 0
}
