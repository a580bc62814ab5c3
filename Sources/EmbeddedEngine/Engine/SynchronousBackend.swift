import DynamoAPI

/// Every engine method is synchronous and thread-safe, so `iops serve` may call it straight
/// from an event loop thread.
extension EmbeddedEngine: SynchronousDynamoBackend {}
