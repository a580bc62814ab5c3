/// Request ids as DynamoDB writes them in `x-amzn-RequestId`: 52 characters of `A-Z0-9`.
///
/// One generator per connection (a connection is served on one thread), seeded once from the
/// system's random source: ids stay unique across connections without a shared counter or a
/// system call per request.
struct RequestIDGenerator {
    private var state: UInt64
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    /// splitmix64: a full-period sequence, so a connection never repeats an id.
    private mutating func nextWord() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> String {
        var word = nextWord()
        var remaining = 0
        return String(unsafeUninitializedCapacity: 52) { buffer in
            for index in 0..<52 {
                if remaining == 0 {
                    word = nextWord()
                    remaining = 10  // 10 digits of base 36 use 52 of a word's 64 bits
                }
                buffer[index] = Self.alphabet[Int(word % 36)]
                word /= 36
                remaining -= 1
            }
            return 52
        }
    }
}
