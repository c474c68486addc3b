// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "guantong",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "guantong", targets: ["guantong"]),
        .library(name: "PolicyData", targets: ["PolicyData"]),
        .library(name: "Catalog", targets: ["Catalog"]),
        .library(name: "Engine", targets: ["Engine"]),
        // For the fuzz package in Fuzz/, which builds these with libFuzzer's instrumentation.
        .library(name: "FuzzBodies", targets: ["FuzzBodies"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/vapor/vapor", from: "4.115.0"),
        // NIO's own types the server names (socket addresses, a locked box); Vapor runs on it.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/vapor/fluent", from: "4.12.0"),
        // The store speaks SQL through SQLKit alone (no Vapor); Fluent's drivers provide it.
        .package(url: "https://github.com/vapor/sql-kit", from: "3.32.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.10.0"),
        .package(url: "https://github.com/vapor/leaf", from: "4.4.0"),
        .package(url: "https://github.com/vapor/leaf-kit", from: "1.13.0"),
        // .xlsx is a ZIP of XML parts: reading one needs inflate, which Foundation on Linux lacks.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Calendar dates, levels and jurisdictions: the vocabulary every other module shares.
        .target(name: "Domain"),
        // RFC 4180 reading shared by the data loader and (later) the batch.
        .target(name: "CSVCodec"),
        // The policy documents as validated, indexed data.
        .target(
            name: "PolicyData",
            dependencies: ["Domain", "CSVCodec", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Data")]
        ),
        // Time and randomness as small clients with live and test versions (no globals).
        .target(name: "Clients", dependencies: ["Domain"]),
        // Casework as pure decisions: an application's stages, events and the roles that act.
        .target(name: "Workflow", dependencies: ["Domain", "PolicyData"]),
        // Where cases are kept, behind one interface: SQL (SQLite and PostgreSQL) and in memory. No Vapor.
        .target(name: "Store", dependencies: ["Domain", "Workflow", "Access", "Contract", .product(name: "SQLKit", package: "sql-kit")]),
        // Who may see and do what: roles in organisations, one policy per resource. Pure.
        .target(name: "Access", dependencies: ["Workflow", "PolicyData"]),
        // The wire contract: the evaluation request and result, their JSON, and the request's
        // checks (contract.md). No rules here.
        .target(name: "Contract", dependencies: ["Domain", "PolicyData"]),
        // The eligibility rules: a pure function of the policy base, a person, a place and a date.
        .target(name: "Engine", dependencies: ["Domain", "PolicyData", "Contract"]),
        // The first sheet of an .xlsx workbook, read and written as rows of text, streamed.
        // zlib itself (ZIPFoundation links it too): a part's deflate stream is checked before it is unpacked.
        .systemLibrary(name: "SystemZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Spreadsheet", dependencies: ["Domain", "SystemZlib", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Many people at once: the batch CSV or .xlsx, streamed across the cores.
        .target(name: "Batch", dependencies: ["Domain", "Engine", "CSVCodec", "PolicyData", "Spreadsheet"]),
        // What each fuzz target does with one input; the tests run the corpus through it too.
        .target(
            name: "FuzzBodies",
            dependencies: ["Domain", "Engine", "PolicyData", "Batch", "CSVCodec", "Spreadsheet", .product(name: "Yams", package: "Yams")]
        ),
        // Read-only questions about the data: occupations, documents in force, table sizes.
        .target(name: "Catalog", dependencies: ["Domain", "PolicyData", "Engine"]),
        // The HTTP API, the pages and saved checks (Vapor, Fluent, Leaf).
        .target(
            name: "Server",
            dependencies: [
                "Domain", "PolicyData", "Catalog", "Engine", "Clients", "Batch", "Spreadsheet", "Workflow", "Access", "CSVCodec", "Store",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
            ],
            resources: [.copy("Views"), .copy("Public"), .copy("Demo")]
        ),
        .executableTarget(
            name: "guantong",
            dependencies: [
                "Domain", "PolicyData", "Catalog", "Engine", "Server", "Batch", "Spreadsheet",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Speed targets are measured here, never asserted in tests: `swift package benchmark`.
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: ["Engine", "PolicyData", "Domain", "Catalog", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "ClientsTests", dependencies: ["Clients", "Domain"]),
        .testTarget(name: "WorkflowTests", dependencies: ["Workflow", "PolicyData", "Domain", "Store", .product(name: "Yams", package: "Yams")], resources: [.copy("Cases")]),
        .testTarget(name: "AccessTests", dependencies: ["Access", "Workflow", "PolicyData"]),
        .testTarget(name: "CSVCodecTests", dependencies: ["CSVCodec"]),
        // The fuzz corpus and every input a fuzzer once crashed on (Fuzz/), as plain tests.
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzBodies"]),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "PolicyDataTests", dependencies: ["PolicyData", "Domain"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "PolicyData", "Domain"]),
        .testTarget(
            name: "ServerTests",
            dependencies: ["Server", "Store", "Workflow", "Engine", "PolicyData", "Domain", "Spreadsheet", "Access", "Catalog", "Clients", "Contract",
                           .product(name: "Vapor", package: "vapor"), .product(name: "VaporTesting", package: "vapor"),
                           .product(name: "SQLKit", package: "sql-kit"),
                           .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "Fluent", package: "fluent"),
                           .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                           .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver")]
        ),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "Engine", "PolicyData", "Domain", "CSVCodec", "Spreadsheet", .product(name: "Yams", package: "Yams")]),
        // Runs the built executable (swift test builds it first).
        .testTarget(name: "CLITests"),
        .testTarget(
            name: "EngineTests",
            dependencies: ["Engine", "PolicyData", "Domain", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Cases")]
        ),
    ]
)
