import Benchmark
import Catalog
import Domain
import Engine
import PolicyData

/// A typical person: two certificates, a title, an honour, five years of records.
func typicalRequest() -> EvaluationRequest {
    var person = Person()
    person.skills = [
        SkillCertificate(occupation: "车工", level: .technician, obtainedOn: CalendarDate(iso: "2020-05-01")),
        SkillCertificate(occupation: "电工", level: .advanced, obtainedOn: CalendarDate(iso: "2018-09-15")),
    ]
    person.titles = [TitleHeld(series: "工程", specialty: "机电制造工程", level: .assistant, obtainedOn: CalendarDate(iso: "2019-01-01"))]
    person.honors = [HonourHeld(name: "浙江省技术能手", awardedOn: CalendarDate(iso: "2021-12-01"))]
    person.annualAssessments = (2019...2023).map { AnnualAssessment(year: $0, passed: true) }
    person.continuingEducation = (2019...2023).map { ContinuingEducationYear(year: $0, publicHours: 20, professionalHours: 70, skillTrainingHours: 8) }
    person.education = Education(level: .juniorCollege, relatedToOccupation: true)
    person.currentOccupation = "电工"
    person.occupationWorkYears = 6
    person.inRelatedSkillWork = true
    return EvaluationRequest(jurisdiction: "quzhou", asOf: CalendarDate(iso: "2024-06-30")!, person: person)
}

let benchmarks: @Sendable () -> Void = {
    let base = try! PolicyBase.bundled()
    let engine = Engine(base: base)
    let request = typicalRequest()

    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .throughput], maxDuration: .seconds(3))

    Benchmark("Evaluate a typical person (quzhou)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(engine.evaluate(request))
        }
    }

    var shaoxing = request
    shaoxing.jurisdiction = "shaoxing"
    Benchmark("Evaluate a typical person (shaoxing)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(engine.evaluate(shaoxing))
        }
    }

    // Occupation search must answer any query in under a millisecond: the slowest kinds
    // are a miss that falls back to similarity, and pinyin initials.
    let search = OccupationSearch(base: base)
    let queries = ["车工", "cg", "6-29-03-03", "维修电工", "数控", "不存在的职业名称", "zzzz", "电"]
    Benchmark("Search occupations (8 queries of different kinds per iteration)", configuration: .init(metrics: [.wallClock], scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations {
            for query in queries { blackHole(search.search(query, limit: 10)) }
        }
    }
    Benchmark("Search occupations (a miss: similarity fallback)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(search.search("不存在的职业名称", limit: 10))
        }
    }

    Benchmark("Load and validate the policy data", configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxIterations: 10)) { benchmark in
        blackHole(try PolicyBase.bundled())
    }
}
