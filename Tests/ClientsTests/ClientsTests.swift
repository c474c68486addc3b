import Clients
import Domain
import Foundation
import Testing

@Suite struct ClientsTests {
    @Test func aFixedClockStaysOnItsDayUntilMoved() {
        let (clock, control) = Clock.fixed(CalendarDate(iso: "2024-06-30")!)
        #expect(clock.today().description == "2024-06-30")
        #expect(ChinaCalendar.today(now: clock.now()) == clock.today())
        control.advance(days: 5)
        #expect(clock.today().description == "2024-07-05")
        control.set(CalendarDate(iso: "2025-01-01")!)
        #expect(clock.today().description == "2025-01-01")
        #expect(ChinaCalendar.today(now: clock.now()).description == "2025-01-01")
    }

    @Test func seededTokensRepeatPerSeedAndDifferAcrossSeeds() {
        let first = TokenGenerator.seeded(42), again = TokenGenerator.seeded(42), other = TokenGenerator.seeded(43)
        let a = (0..<3).map { _ in first.hex(byteCount: 16) }
        #expect(a == (0..<3).map { _ in again.hex(byteCount: 16) })
        #expect(a != (0..<3).map { _ in other.hex(byteCount: 16) })
        #expect(Set(a).count == 3)
        #expect(a.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
        let link = first.link(length: 16)
        #expect(link.count == 16 && link.allSatisfy { "abcdefghijkmnpqrstuvwxyz23456789".contains($0) })
    }

    @Test func liveTokensAreRandomAndWellFormed() {
        let tokens = (0..<200).map { _ in TokenGenerator.live.hex(byteCount: 16) }
        #expect(Set(tokens).count == 200)
        // Every hex digit turns up across 6,400 of them: no stuck nibble.
        #expect(Set(tokens.joined()).count == 16)
    }
}
