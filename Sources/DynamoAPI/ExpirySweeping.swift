/// A backend that can run its TTL deletion on demand.
///
/// DynamoDB deletes expired items by itself, in the background and typically within a few
/// days, and offers no call to make it happen now. Only the embedded store deletes them when
/// asked (and when it is opened), so this is a separate, optional capability rather than part
/// of `DynamoBackend`: the shell's `sweep` checks for it and explains its absence.
public protocol ExpirySweeping: Sendable {
    /// Deletes every item whose TTL has passed (within DynamoDB's five-year lookback) in every
    /// table with TTL enabled, as DynamoDB's TTL would; returns how many were deleted.
    func sweepExpiredItems() async throws -> Int
}
