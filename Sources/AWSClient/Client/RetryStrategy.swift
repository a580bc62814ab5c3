import DynamoModel
import Foundation

/// How a failed attempt may be retried, as the AWS SDKs' "standard" retry mode decides it
/// (botocore `retries/standard.py`).
public enum RetryClass: Sendable, Equatable {
    /// The error will not go away by sending the same request again.
    case none
    /// The service asked the client to slow down.
    case throttling
    /// A server fault or a broken connection; likely to pass on another try.
    case transient
    /// The request timed out: retried, but at a higher cost to the retry quota.
    case timeout

    public var isRetryable: Bool { self != .none }
}

/// Retry settings; the defaults are the SDKs' standard mode except the base delay, which is
/// DynamoDB-sized (50 ms) rather than one second.
public struct RetryOptions: Sendable {
    /// Attempts per request, the first included.
    public var maxAttempts: Int
    /// The first retry waits up to this long; each further retry doubles the ceiling.
    public var baseDelay: Duration
    /// No retry waits longer than this.
    public var maxDelay: Duration
    /// The retry token bucket's size: retries spend tokens, successes refund them, so a client
    /// facing an outage soon stops multiplying its load.
    public var quotaCapacity: Int
    /// Tokens one retry costs.
    public var retryCost: Int
    /// Tokens a retry after a timeout costs.
    public var timeoutRetryCost: Int
    /// Tokens refunded by a success that needed no retry.
    public var noRetryIncrement: Int

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(50), maxDelay: Duration = .seconds(20),
                quotaCapacity: Int = 500, retryCost: Int = 5, timeoutRetryCost: Int = 10, noRetryIncrement: Int = 1) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.quotaCapacity = quotaCapacity
        self.retryCost = retryCost
        self.timeoutRetryCost = timeoutRetryCost
        self.noRetryIncrement = noRetryIncrement
    }

    /// Full jitter: a uniformly random wait between zero and `baseDelay × 2^retry` (capped),
    /// where `retry` is 0 for the first retry. `random` gives a value in `0..<1`.
    public func delay(beforeRetry retry: Int, random: Double) -> Duration {
        let base = seconds(baseDelay)
        let ceiling = min(seconds(maxDelay), base * pow(2, Double(min(retry, 62))))
        return .nanoseconds(Int64((min(max(random, 0), 1) * ceiling * 1e9).rounded()))
    }

    /// Error codes the SDKs treat as throttling (botocore's list).
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "EC2ThrottledException",
    ]

    /// Error codes the SDKs treat as transient whatever the status.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
    ]

    /// Statuses retried whatever the body says.
    public static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// The class of an error response.
    public static func classify(code: DynamoError.Code, httpStatus: Int) -> RetryClass {
        if throttlingCodes.contains(code.rawValue) { return .throttling }
        if transientCodes.contains(code.rawValue) || transientStatuses.contains(httpStatus) { return .transient }
        return .none
    }

    /// The class of a failure to get any response.
    public static func classify(_ error: TransportError) -> RetryClass {
        if error.isTimeout { return .timeout }
        return error.isRetryable ? .transient : .none
    }
}

func seconds(_ duration: Duration) -> Double {
    let (whole, atto) = duration.components
    return Double(whole) + Double(atto) / 1e18
}

/// The retry token bucket, shared by every request of one client.
final class RetryQuota: @unchecked Sendable {
    private let lock = NSLock()
    private let capacity: Int
    private var available: Int

    init(capacity: Int) {
        self.capacity = capacity
        self.available = capacity
    }

    /// Takes `amount` tokens if there are that many.
    func acquire(_ amount: Int) -> Bool {
        lock.withLock {
            guard available >= amount else { return false }
            available -= amount
            return true
        }
    }

    func release(_ amount: Int) {
        lock.withLock { available = min(capacity, available + amount) }
    }

    var tokens: Int { lock.withLock { available } }
}
