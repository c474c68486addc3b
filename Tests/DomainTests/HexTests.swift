import Domain
import Testing

@Suite struct HexTests {
    /// Two lowercase digits a byte, leading zeros kept: stored session keys and checksums depend on it.
    @Test func twoLowercaseDigitsAByte() {
        #expect([UInt8]([0x00, 0x0F, 0xA5, 0xFF, 0x10]).hexDigits == "000fa5ff10")
        #expect([UInt8]().hexDigits == "")
    }
}
