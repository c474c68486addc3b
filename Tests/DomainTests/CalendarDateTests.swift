import Domain
import Testing

@Suite struct CalendarDateTests {
    @Test func parsesOnlyRealDatesInIsoForm() {
        #expect(CalendarDate(iso: "2022-12-17") == CalendarDate(year: 2022, month: 12, day: 17))
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "2023-13-01") == nil)
        #expect(CalendarDate(iso: "2023-1-01") == nil)
        #expect(CalendarDate(iso: "2023/01/01") == nil)
        #expect(CalendarDate(iso: "２０２３-01-01") == nil)
        #expect(CalendarDate(iso: "2100-02-29") == nil)
        #expect(CalendarDate(iso: "2000-02-29") != nil)
    }

    @Test func printsIsoForm() {
        #expect(CalendarDate(year: 2019, month: 3, day: 5)!.description == "2019-03-05")
    }

    /// The contract: "满N年" after D is met on the same day N years later; 29 February counts to 28 February.
    @Test func anniversariesFollowTheContract() {
        #expect(CalendarDate(iso: "2021-06-30")!.adding(years: 2) == CalendarDate(iso: "2023-06-30"))
        #expect(CalendarDate(iso: "2020-02-29")!.adding(years: 3) == CalendarDate(iso: "2023-02-28"))
        #expect(CalendarDate(iso: "2020-02-29")!.adding(years: 4) == CalendarDate(iso: "2024-02-29"))
    }

    @Test func ordersByDay() {
        #expect(CalendarDate(iso: "2022-12-16")! < CalendarDate(iso: "2022-12-17")!)
        #expect(CalendarDate(iso: "2021-12-31")! < CalendarDate(iso: "2022-01-01")!)
    }
}

@Suite struct LevelTests {
    @Test func skillLevelsAcceptBothNamings() {
        #expect(SkillLevel(name: "技师") == .technician)
        #expect(SkillLevel(name: "二级") == .technician)
        #expect(SkillLevel(name: " 五级 ") == .elementary)
        #expect(SkillLevel(name: "首席技师") == .chiefTechnician)
        #expect(SkillLevel(name: "六级") == nil)
        #expect(SkillLevel.advanced < SkillLevel.technician)
    }

    @Test func titleLevelsAcceptEngineeringNames() {
        #expect(TitleLevel(name: "工程师") == .intermediate)
        #expect(TitleLevel(name: "副高级") == .associateSenior)
        #expect(TitleLevel(name: "正高级工程师") == .senior)
        #expect(TitleLevel(name: "高级") == nil)
        #expect(TitleTier(name: "初级")?.levels == [.junior, .assistant])
    }
}

@Suite struct DayCountTests {
    @Test func countsDaysAcrossLeapYears() {
        #expect(CalendarDate(iso: "1970-01-01")!.dayNumber == 0)
        #expect(CalendarDate(iso: "2024-02-28")!.days(until: CalendarDate(iso: "2024-03-01")!) == 2)
        #expect(CalendarDate(iso: "2023-02-28")!.days(until: CalendarDate(iso: "2023-03-01")!) == 1)
        #expect(CalendarDate(iso: "2022-12-17")!.days(until: CalendarDate(iso: "2023-12-17")!) == 365)
    }
}

@Suite struct TrimmingTests {
    @Test func trimsAsciiAndIdeographicSpaceOnly() {
        #expect("  车工 ".trimmingWhitespace == "车工")
        #expect("\u{3000}车工\u{3000}".trimmingWhitespace == "车工")
        #expect("车工\n".trimmingWhitespace == "车工")
        #expect("车 工".trimmingWhitespace == "车 工")
        #expect("a".trimmingWhitespace == "a")
        #expect("\t".trimmingWhitespace == "")
        #expect("".trimmingWhitespace == "")
        #expect("（车工）".trimmingWhitespace == "（车工）")
    }
}

@Suite struct CalendarArithmeticTests {
    /// Adding any number of years to any date gives a date: past the calendar's ends it stops there.
    @Test func addingYearsIsTotal() {
        let ends = [CalendarDate.earliest, CalendarDate.latest, CalendarDate(year: 2020, month: 2, day: 29)!]
        for date in ends {
            for years in [Int.min, -10_000, -1, 0, 1, 7_979, 10_000, Int.max] {
                let result = date.adding(years: years)
                #expect(result >= .earliest && result <= .latest)
                if years > 0 { #expect(result >= date) }
                if years < 0 { #expect(result <= date) }
            }
        }
        #expect(CalendarDate(year: 9998, month: 6, day: 30)!.adding(years: 3) == .latest)
        #expect(CalendarDate(year: 2020, month: 2, day: 29)!.adding(years: 3) == CalendarDate(year: 2023, month: 2, day: 28)!)
    }

    @Test func inputDatesAreHeldToOneRange() {
        #expect(throws: CalendarDate.InputProblem.outOfRange) { try CalendarDate.input("1899-12-31") }
        #expect(throws: CalendarDate.InputProblem.outOfRange) { try CalendarDate.input("2101-01-01") }
        #expect(throws: CalendarDate.InputProblem.malformed) { try CalendarDate.input("2021-02-29") }
        #expect((try? CalendarDate.input("2100-12-31")) == CalendarDate(year: 2100, month: 12, day: 31))
        #expect(CalendarDate.inputYears == CalendarDate.inputRange.lowerBound.year...CalendarDate.inputRange.upperBound.year)
    }

    @Test func addingDaysInvertsDayNumbers() {
        let start = CalendarDate(iso: "2024-02-28")!
        #expect(start.adding(days: 1).description == "2024-02-29")
        #expect(start.adding(days: 2).description == "2024-03-01")
        #expect(CalendarDate(iso: "2022-11-17")!.adding(days: 30).description == "2022-12-17") // 77号 五第2段
        #expect(CalendarDate(iso: "2023-01-01")!.adding(days: -1).description == "2022-12-31")
        for number in stride(from: CalendarDate.earliest.dayNumber, through: CalendarDate.latest.dayNumber, by: 997) {
            #expect(CalendarDate(dayNumber: number).dayNumber == number)
        }
        #expect(CalendarDate.latest.adding(days: 10) == .latest)
        #expect(CalendarDate.earliest.adding(days: -10) == .earliest)
        #expect(CalendarDate.earliest.adding(days: .min) == .earliest)
    }

    @Test func levelsWrittenTogetherAreAccepted() {
        #expect(SkillLevel(name: "技师（二级）") == .technician)
        #expect(SkillLevel(name: "二级（技师）") == .technician)
        #expect(SkillLevel(name: "高级工(三级)") == .advanced)
        #expect(SkillLevel(name: "技师（三级）") == nil)
        #expect(SkillLevel(name: "技师（）") == nil)
        #expect(TitleLevel(name: "中级（工程师）") == .intermediate)
        #expect(TitleLevel(name: "中级（高级工程师）") == nil)
    }
}
