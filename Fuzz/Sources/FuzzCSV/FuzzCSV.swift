import FuzzBodies

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzBodies.csv(Array(UnsafeRawBufferPointer(start: start, count: count)))
    return 0
}
