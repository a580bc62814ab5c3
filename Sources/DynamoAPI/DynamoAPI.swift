// DynamoAPI: DynamoDB's request and response shapes, their codec for the wire format
// (Amazon JSON 1.0, `application/x-amz-json-1.0`), and the backend protocol every target
// implements.
//
// - Wire.swift: the codec machinery. `WireCodable` (scalars, attribute values, lists, maps,
//   enums, shapes), `WireShape` (a structure: `init(reader:)` + `json`, `init(json:)` for free),
//   `WireReader` (`required`/`optional` typed member reads), `JSONValue.shape([...])` (writes
//   members in order, leaving out nil), `WireContext` (where an error happened).
// - Enums.swift: the API's enumerations; raw values are wire values.
// - TableShapes.swift, ItemShapes.swift: shapes shared by several operations.
// - TableOperations.swift, ItemOperations.swift, BatchOperations.swift,
//   TableSettingsOperations.swift, StreamOperations.swift: `<Op>Input` / `<Op>Output`.
// - Backend.swift: `DynamoBackend`, `Operation`, and `call(_:json:)`.
// - DynamoError+Wire.swift: error bodies on the wire.
//
// Member names on the wire follow the AWS API Reference exactly (PascalCase, except the
// lowerCamel members of a stream `Record`); Swift names follow Soto. Numbers inside items stay
// exact (they are `DynamoNumber`s); `Double` is used only for metadata: capacity units and
// timestamps, which are epoch seconds on the wire.
