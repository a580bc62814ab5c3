import DynamoAPI

/// The embedded store deletes expired items only when opened or asked (`sweepExpiredItems`,
/// in TimeToLive.swift), so it offers that to the shell's `sweep`.
extension EmbeddedEngine: ExpirySweeping {}
