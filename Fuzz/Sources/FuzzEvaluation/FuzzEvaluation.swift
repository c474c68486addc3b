import CFuzzDriver
import FuzzBodies

/// One input, as libFuzzer hands it over.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzBodies.evaluation(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// The program's entry (SwiftPM calls it `FuzzEvaluation_main`): libFuzzer's driver with the body above.
@_cdecl("FuzzEvaluation_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOne(data, size) }
}
