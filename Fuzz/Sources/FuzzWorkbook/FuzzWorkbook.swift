import CFuzzDriver
import FuzzBodies

/// One input, as libFuzzer hands it over.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzBodies.workbook(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// The program's entry (SwiftPM calls it `FuzzWorkbook_main`): libFuzzer's driver with the body above.
@_cdecl("FuzzWorkbook_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOne(data, size) }
}
