// swift-tools-version:6.1
// The fuzz targets, a package apart: built only with libFuzzer's instrumentation
// (`bash tools/fuzz.sh`), never by the project's own `swift build`.
import PackageDescription

let targets = ["Evaluation", "CSV", "Workbook", "Changes"]

let package = Package(
    name: "GuantongFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "guantong", path: "..")],
    targets: [.target(name: "CFuzzDriver"), .target(name: "FuzzDriver", dependencies: ["CFuzzDriver"])] + targets.map { name in
        .executableTarget(name: "Fuzz\(name)", dependencies: ["FuzzDriver", .product(name: "FuzzBodies", package: "guantong")])
    }
)
