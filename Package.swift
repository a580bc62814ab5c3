// swift-tools-version: 6.1
import PackageDescription

/// Layers, top to bottom (data flows down once):
/// iops (executable) → Shell → TablePlugins, ShellLanguage → DynamoAPI → DynamoModel;
/// the executable also picks a backend: EmbeddedEngine (→ DynamoExpressions, DynamoAPI), and
/// `iops serve` puts DynamoServer (→ AWSClient's signer, DynamoAPI, SwiftNIO) in front of it.
/// Each module depends only on the layers below it.
let package = Package(
    name: "iops",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "iops", targets: ["iops"]),
        .library(name: "DynamoModel", targets: ["DynamoModel"]),
        .library(name: "EmbeddedEngine", targets: ["EmbeddedEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Plugin files are YAML; Yams keeps each node's line and column for error messages.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // SHA-256 and HMAC for SigV4 (BoringSSL on Linux): not ours to write.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // `iops serve`: event loops and the HTTP/1 codec; not ours to write either.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        /// Attribute values, exact numbers, JSON codecs, errors: no I/O.
        .target(name: "DynamoModel"),
        /// DynamoDB's request/response shapes and the backend protocol every target implements.
        .target(name: "DynamoAPI", dependencies: ["DynamoModel"]),
        /// DynamoDB's expression language: parse, validate, evaluate, apply updates.
        .target(name: "DynamoExpressions", dependencies: ["DynamoModel"]),
        /// The shell's command language: lexer, parser, syntax tree, diagnostics.
        .target(name: "ShellLanguage", dependencies: ["DynamoModel"]),
        /// Table plugins: tables as their schema plan declares them, typed attributes, typed
        /// commands whose bodies are shell statements. Loaded from YAML files.
        .target(name: "TablePlugins", dependencies: ["DynamoAPI", "DynamoModel", "ShellLanguage", .product(name: "Yams", package: "Yams")]),
        /// Runs statements: typed requests to a backend, results through the formatters; the REPL.
        .target(name: "Shell", dependencies: ["ShellLanguage", "TablePlugins", "DynamoAPI", "DynamoExpressions", "DynamoModel", "CEditLine"]),
        /// The remote target: DynamoDB's JSON protocol over libcurl, SigV4, credentials, retries.
        .target(name: "AWSClient", dependencies: [
            "DynamoAPI", "DynamoModel", "CCurl", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        /// `iops serve`: DynamoDB's JSON protocol over HTTP/1.1 in front of any synchronous
        /// backend (the embedded engine, in practice); the signer verifies SigV4.
        .target(name: "DynamoServer", dependencies: [
            "DynamoAPI", "DynamoModel", "AWSClient",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        /// DynamoDB semantics on one SQLite file.
        .target(name: "EmbeddedEngine", dependencies: ["DynamoModel", "DynamoAPI", "DynamoExpressions", "CSQLite"]),
        .executableTarget(
            name: "iops",
            dependencies: [
                "DynamoModel", "DynamoAPI", "EmbeddedEngine", "Shell", "TablePlugins", "AWSClient", "DynamoServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        /// Benchmarks: `swift run -c release iops-bench`. Prints figures; never asserts timings.
        .executableTarget(name: "iops-bench", dependencies: ["DynamoModel", "DynamoAPI", "EmbeddedEngine", "CSQLite", "Shell", "ShellLanguage"]),
        .executableTarget(name: "iops-stress", dependencies: ["EmbeddedEngine", "DynamoAPI", "DynamoModel"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "ShellLanguage", "TablePlugins", "EmbeddedEngine", "DynamoAPI", "DynamoModel", "TestSupport"]),
        .testTarget(name: "DynamoModelTests", dependencies: [
            "DynamoModel", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        /// botocore_sign.py is run by the SigV4 differential test, not built.
        /// What tests that run the built executables share (finding them).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        /// The same scripts on the embedded engine and on a real DynamoDB API server (moto).
        .testTarget(name: "IntegrationTests", dependencies: [
            "Shell", "TablePlugins", "EmbeddedEngine", "AWSClient", "DynamoAPI", "DynamoModel", "TestSupport",
        ], exclude: ["Scripts", "Python"]),
        .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "DynamoAPI", "DynamoModel"], exclude: ["botocore_sign.py"]),
        .testTarget(name: "DynamoServerTests", dependencies: [
            "DynamoServer", "EmbeddedEngine", "AWSClient", "DynamoAPI", "DynamoModel", "TestSupport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "TablePluginsTests", dependencies: ["TablePlugins", "DynamoAPI", "DynamoModel"]),
        .testTarget(name: "DynamoAPITests", dependencies: ["DynamoAPI", "DynamoModel"]),
        .testTarget(name: "DynamoExpressionsTests", dependencies: ["DynamoExpressions", "DynamoModel"]),
        .testTarget(name: "ShellLanguageTests", dependencies: [
            "ShellLanguage", "DynamoModel", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "EmbeddedEngineTests", dependencies: [
            "EmbeddedEngine", "DynamoAPI", "DynamoModel", "DynamoExpressions",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
