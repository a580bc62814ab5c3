import DynamoModel

/// SplitMix64: small, fast, and the same sequence on every platform, so every run (and the
/// engine and raw loads of one run) see exactly the same items.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Items of the dashboard metrics table as the schema plan shapes them. Item `i` is a pure
/// function of `i` (and the seed), so loads can be repeated and expected counts computed.
struct MetricsWorkload {
    static let tableName = "iops-dashboard-metrics"
    static let healthIndex = "EntityTypeHealthIndex"
    static let updatedIndex = "LastUpdatedIndex"
    static let entityTypes: [(type: String, prefix: String)] = [
        ("student", "stu"), ("tutor", "tut"), ("subject", "sub"), ("region", "reg"),
    ]
    /// 2025-01-01T00:00:00Z; last_updated falls in the 90 days after it.
    static let epochStart = 1_735_689_600

    let count: Int
    let seed: UInt64
    /// Digits of the numeric part of entity_id: `stu_000123` up to a million items.
    let idWidth: Int

    init(count: Int, seed: UInt64 = 0x10_95) {
        self.count = count
        self.seed = seed
        idWidth = max(6, String(max(count - 1, 0)).count)
    }

    /// The entity type index and health score of item `i`, without building it.
    func typeAndHealth(_ i: Int) -> (type: Int, health: Int) {
        var rng = SplitMix64(state: seed ^ (UInt64(i) &* 0xD6E8_FEB8_6659_FD93))
        return (rng.below(4), rng.below(101))
    }

    func item(_ i: Int) -> Item {
        var rng = SplitMix64(state: seed ^ (UInt64(i) &* 0xD6E8_FEB8_6659_FD93))
        let kind = Self.entityTypes[rng.below(4)]
        let health = rng.below(101)
        let sessions7 = rng.below(15)
        let sessions14 = sessions7 + rng.below(15)
        let sessions30 = sessions14 + rng.below(30)
        let calls7 = rng.below(6)
        let calls14 = calls7 + rng.below(6)
        let ratingTenths = 10 + rng.below(41) // 1.0 … 5.0
        let updated = Self.epochStart + rng.below(90 * 86_400)
        return [
            "entity_id": .s("\(kind.prefix)_\(Self.padded(i, idWidth))"),
            "entity_type": .s(kind.type),
            "health_score": .n(DynamoNumber(health)),
            "sessions_7d": .n(DynamoNumber(sessions7)),
            "sessions_14d": .n(DynamoNumber(sessions14)),
            "sessions_30d": .n(DynamoNumber(sessions30)),
            "ib_calls_7d": .n(DynamoNumber(calls7)),
            "ib_calls_14d": .n(DynamoNumber(calls14)),
            // One decimal; DynamoDB normalises "4.0" to 4 as it would.
            // swiftlint:disable:next force_try
            "avg_rating": .n(try! DynamoNumber("\(ratingTenths / 10).\(ratingTenths % 10)")),
            "last_updated": .s(Self.iso8601(updated)),
        ]
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `2025-01-15T10:30:00Z` for seconds since 1970 (UTC), without a formatter.
    static func iso8601(_ seconds: Int) -> String {
        let days = seconds / 86_400
        let rest = seconds % 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))T"
            + "\(padded(rest / 3600, 2)):\(padded(rest / 60 % 60, 2)):\(padded(rest % 60, 2))Z"
    }
}
