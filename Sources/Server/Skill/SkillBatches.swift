import Access
import Domain
import Fluent
import Foundation
import SQLKit
import Store
import Vapor
import Workflow

/// A skill application as a queue line.
struct SkillQueueItem: Content {
    let id: String
    let applicantName: String
    let providerName: String
    let occupation: String
    let workType: String?
    let level: String
    let route: String
    let stage: String
    let stageLabel: String
    let version: Int
    let submittedOn: String
    let updatedOn: String

    init(_ record: SkillApplicationRecord, words: CaseWords) {
        self.init(SkillQueueLine(record), words: words)
    }

    init(_ model: SkillQueueLine, words: CaseWords) {
        id = model.id.uuidString
        applicantName = model.applicantName
        providerName = model.providerName
        occupation = model.occupation
        workType = model.workType
        level = model.level
        route = model.route
        stage = model.stage
        stageLabel = words.stage(model.stage)
        version = model.version
        submittedOn = model.submittedOn
        updatedOn = model.updatedOn
    }
}

/// An assessment batch as providers and pages see it.
struct BatchView: Content {
    let id: String
    let occupation: String
    let workType: String?
    let level: String
    let heldOn: String
    let place: String
    let capacity: Int
    let seatsTaken: Int
    let components: [String]

    init(_ model: AssessmentBatch) {
        id = model.id.uuidString
        occupation = model.occupation
        workType = model.workType
        level = model.level
        heldOn = model.heldOn
        place = model.place
        capacity = model.capacity
        seatsTaken = model.seatsTaken
        components = (try? StoredJSON.decode([String].self, model.components)) ?? []
    }
}

/// A certificate on the HR bureau's report list.
struct CertificateReportLine: Content {
    let id: String
    let application: String
    let holderName: String
    let number: String
    let occupation: String
    let workType: String?
    let level: String
    let issuedOn: String
    let issuerName: String
    let reportedOn: String?
    let reportedBy: String?

    init(_ model: SkillCertificate) {
        id = model.id.uuidString
        application = model.applicationID.uuidString
        holderName = model.holderName
        number = model.number
        occupation = model.occupation
        workType = model.workType
        level = model.level
        issuedOn = model.issuedOn
        issuerName = model.issuerName
        reportedOn = model.reportedOn
        reportedBy = model.reportedBy
    }

    static let heading = ["证书编号", "姓名", "职业", "工种", "等级", "发证日期", "发证机构", "上报日期"]
    var cells: [String] { [number, holderName, occupation, workType ?? "", level, issuedOn, issuerName, reportedOn ?? "未上报"] }
}

extension SkillApplicationService {
    // MARK: Batches

    struct BatchInput: Content {
        var occupation: String
        var workType: String?
        var level: String
        var heldOn: String
        var place: String
        var capacity: Int
        /// Components beyond the practical assessment (理论知识考试, 业绩评审…); the practical one is always set.
        var components: [String]?
    }

    func provider(_ id: String, for principal: Principal) async throws -> SkillProvider {
        SkillProvider(try await providerOrganisation(id, for: principal))
    }

    /// The provider as stored (what it covers not yet read), when the principal acts for it.
    func providerOrganisation(_ id: String, for principal: Principal) async throws -> Organisation {
        guard let uuid = UUID(uuidString: id), let found = try await directory.providerOrganisation(uuid), CasePolicy.actsFor(provider: found.ref, principal) else {
            throw Problem.notFound("没有编号为「\(id)」的评价机构，或您不在其中任职。")
        }
        return found
    }

    func createBatch(_ input: BatchInput, provider id: String, principal: Principal) async throws -> AssessmentBatch {
        let provider = try await provider(id, for: principal)
        guard let occupation = policy.base.resolveOccupation(input.occupation)?.occupation.name else {
            throw Problem.invalid(field: "occupation", "没有职业（工种）「\(input.occupation)」")
        }
        guard let level = SkillLevel(name: input.level) else { throw Problem.invalid(field: "level", "等级应为 " + SkillLevel.acceptedNames.joined(separator: "、")) }
        let workType = input.workType?.trimmingWhitespace.isEmpty == false ? input.workType?.trimmingWhitespace : nil
        guard provider.coverage.contains(where: { $0.covers(occupation: occupation, workType: workType, level: level) }) else {
            throw Problem.invalid(field: "occupation", "本机构不承担「\(occupation) \(level.name)」的评价")
        }
        guard let day = CalendarDate(iso: input.heldOn) else { throw Problem.invalid(field: "heldOn", "考核日期应为 YYYY-MM-DD") }
        guard day >= policy.today() else { throw Problem.invalid(field: "heldOn", "考核日期不能早于今天") }
        let place = input.place.trimmingWhitespace
        guard !place.isEmpty, place.count <= 200 else { throw Problem.invalid(field: "place", "请填写考核地点（不超过 200 字）") }
        guard (1...10_000).contains(input.capacity) else { throw Problem.invalid(field: "capacity", "名额应为 1 至 10000") }
        var components = [SkillEvaluation.practicalAssessment]
        for name in (input.components ?? []).map(\.trimmingWhitespace) where !name.isEmpty && !components.contains(name) {
            guard name.count <= 64, components.count < 10 else { throw Problem.invalid(field: "components", "考核项目不超过 10 项，每项不超过 64 字") }
            components.append(name)
        }
        let batch = AssessmentBatch(providerID: try UUID(uuidString: provider.organisation.id).orThrow(), occupation: occupation, workType: workType,
                                    level: level.name, heldOn: day.description, place: place, capacity: input.capacity,
                                    components: try StoredJSON.encode(components), createdAt: policy.clock.now())
        let detail = ["batch": batch.id.uuidString, "occupation": occupation, "workType": workType ?? "", "level": level.name, "heldOn": day.description,
                      "place": place, "capacity": String(input.capacity), "components": components.joined(separator: "、")]
        let event = OrganisationEvent(organisationID: batch.providerID, actorUserID: try UUID(uuidString: principal.userID).orThrow(),
                                      actorName: principal.displayName,
                                      role: provider.organisation.kind == .employer ? Role.employer.rawValue : Role.evaluationOrganisation.rawValue,
                                      at: policy.clock.now(), onDate: policy.today().description, event: "create_batch", detail: try StoredJSON.encode(detail))
        // The batch and the record of who set it up commit together.
        try await db.write { database in
            try await database.skillCases.add(batch)
            try await database.organisations.record(event)
        }
        return batch
    }

    func batches(provider id: String, principal: Principal) async throws -> [AssessmentBatch] {
        try await batches(of: provider(id, for: principal))
    }

    /// The batches of a provider the principal was already found to act for.
    func batches(of provider: SkillProvider) async throws -> [AssessmentBatch] {
        let uuid = try UUID(uuidString: provider.organisation.id).orThrow()
        return try await database.skillCases.batches(of: uuid)
    }

    /// Takes one seat of the batch for this application, or refuses: a conditional UPDATE, so
    /// two providers' officers assigning at once can never overfill it. Returns its components.
    func takeSeat(in batchID: String, for model: SkillApplicationRecord, state: SkillEvaluation, database: any Database) async throws -> [String] {
        guard let uuid = UUID(uuidString: batchID), let batch = try await database.skillCases.batch(uuid),
              batch.providerID.uuidString == state.assessor?.organisation.uppercased() else {
            throw Problem.notFound("本机构没有编号为「\(batchID)」的考核批次。")
        }
        guard batch.occupation == model.occupation, batch.level == model.level, batch.workType == nil || batch.workType == model.workType else {
            throw Problem.invalid(field: "batch", "批次是「\(batch.occupation)\(batch.workType.map { "（\($0)）" } ?? "") \(batch.level)」，与申请（\(model.occupation) \(model.level)）不符")
        }
        guard try await database.skillCases.takeSeat(in: uuid) else {
            throw Problem(title: "批次已满", status: 409, detail: "\(batch.heldOn)「\(batch.place)」批次共 \(batch.capacity) 个名额，已满；请另选批次或新建批次。")
        }
        return (try? StoredJSON.decode([String].self, batch.components)) ?? [SkillEvaluation.practicalAssessment]
    }

    // MARK: Certificates

    /// Writes the certificate (in the holder's record from now on) and queues it for the HR
    /// bureau of the issuer's place, in the certifying action's transaction.
    func issue(_ number: String, for model: SkillApplicationRecord, by actor: Actor, issuer: String, on day: CalendarDate, database: any Database) async throws {
        let bureau = try await reportingBureau(for: actor.organisation, database: database).flatMap { UUID(uuidString: $0.id) }
        let certificate = SkillCertificate(applicationID: model.id, userID: model.applicantID, holderName: model.applicantName, number: number,
                                           occupation: model.occupation, workType: model.workType, level: model.level, issuedOn: day.description,
                                           issuerID: try UUID(uuidString: actor.organisation).orThrow(), issuerName: issuer, bureauID: bureau)
        do {
            try await database.skillCases.add(certificate)
        } catch where CaseDatabase.isUniqueViolation(error) {
            throw Problem(title: "证书编号重复", status: 409, detail: "本机构已发过编号为「\(number)」的证书。")
        }
    }

    /// The HR bureau a certificate is reported to: the one the issuer names (its `handlers`,
    /// set with `admin create-org --handler city_hr_bureau=…`), else the only bureau of the
    /// nearest place that has any. The documents say only "报人力资源社会保障部门"; with several
    /// and none named the certificate waits, unlisted, until the administrator names one.
    func reportingBureau(for issuerID: String, database: any Database) async throws -> OrganisationRef? {
        let directory = OrganisationDirectory(database: try database.sql)
        guard let issuerUUID = UUID(uuidString: issuerID), let issuer = try await directory.find(issuerUUID) else { return nil }
        for role in Role.hrBureaus.sorted(by: { $0.rawValue < $1.rawValue }) {
            if let named = issuer.handlers[role.rawValue].flatMap(UUID.init(uuidString:)), let bureau = try await directory.find(named) { return bureau }
        }
        let chain = policy.base.jurisdictionChain(issuer.jurisdiction).map(\.code)
        let bureaus = try await directory.offices(in: chain).filter { $0.kind == .hrBureau }
        for place in chain {
            let here = bureaus.filter { $0.jurisdiction == place }
            if !here.isEmpty { return here.count == 1 ? here[0] : nil }
        }
        return nil
    }

    /// The bureau's report list, for its officers only.
    /// The bureau's certificate list (or its pending part), oldest first, up to `limit` lines.
    func reports(bureau id: String, principal: Principal, pending: Bool, limit: Int = 100_000) async throws -> [SkillCertificate] {
        guard let uuid = UUID(uuidString: id), Role.hrBureaus.contains(where: { principal.holds($0, in: uuid.uuidString) }) else {
            throw Problem.notFound("没有编号为「\(id)」的人力社保部门，或您不在其中任职。")
        }
        let listed = try await database.skillCases.certificates(reportedTo: uuid, pendingOnly: pending, limit: limit)
        // Issued while no bureau could be chosen: listed to the bureau the issuer reports to now.
        let unplaced = try await database.skillCases.certificates(reportedTo: nil, pendingOnly: true, limit: 10_000)
        var mine: [SkillCertificate] = []
        for issuer in Set(unplaced.map(\.issuerID)) where try await reportingBureau(for: issuer.uuidString, database: database)?.id == uuid.uuidString {
            mine += unplaced.filter { $0.issuerID == issuer }
        }
        return Array((listed + mine.sorted { ($0.issuedOn, $0.number) < ($1.issuedOn, $1.number) }).prefix(limit))
    }

    /// The most certificates one marking takes (each is its own transaction).
    static let markedAtOnce = 500

    /// What marking a list as reported did: how many were marked, and why each other one was not.
    struct ReportOutcome: Content {
        let marked: Int
        let failed: [String]
    }

    /// Marks certificates of the bureau's list as reported: each is an action on its
    /// application's trail, in its own transaction; one that cannot be marked is listed with
    /// its reason and the others go on.
    func markReported(_ certificateIDs: [String], bureau id: String, principal: Principal) async throws -> ReportOutcome {
        guard let uuid = UUID(uuidString: id), let role = Role.hrBureaus.first(where: { principal.holds($0, in: uuid.uuidString) }) else {
            throw Problem.notFound("没有编号为「\(id)」的人力社保部门，或您不在其中任职。")
        }
        guard !certificateIDs.isEmpty, certificateIDs.count <= Self.markedAtOnce else {
            throw Problem.invalid(field: "certificates", "请选择 1 至 \(Self.markedAtOnce) 份证书")
        }
        let today = policy.today(), now = policy.clock.now()
        let actor = Actor(user: principal.userID, role: role, organisation: uuid.uuidString)
        let bureauName = try await directory.find(uuid)?.name ?? ""
        var marked = 0
        var failed: [String] = []
        for certificateID in certificateIDs {
            guard let certificateUUID = UUID(uuidString: certificateID) else {
                failed.append("「\(certificateID.prefix(40))」不是证书编号")
                continue
            }
            do {
            let done = try await db.write { database -> Bool in
                guard var certificate = try await database.skillCases.certificate(certificateUUID) else {
                    throw Problem.notFound("上报清单中没有这份证书（\(certificateID)）。")
                }
                if certificate.bureauID == nil, try await self.reportingBureau(for: certificate.issuerID.uuidString, database: database)?.id == uuid.uuidString {
                    certificate.bureauID = uuid
                }
                guard certificate.bureauID == uuid else {
                    throw Problem.notFound("上报清单中没有这份证书（\(certificateID)）。")
                }
                guard certificate.reportedOn == nil else { return false }
                guard var model = try await database.skillCases.application(certificate.applicationID) else { throw Problem.notFound("证书的申请已不存在。") }
                let state = try StoredJSON.decode(SkillEvaluation.self, model.state)
                let (next, entry) = try policy.transition(state, .markReported, actor: actor, version: state.version, on: today)
                Self.project(next, into: &model, today: today)
                try await database.skillCases.update(model)
                certificate.reportedOn = today.description
                certificate.reportedBy = principal.displayName
                try await database.skillCases.update(certificate)
                try await Self.audit.write(case: model.id, version: entry.version, actor: actor, actorName: principal.displayName,
                                           organisationName: bureauName, event: "report", detail: ["number": certificate.number],
                                           before: state.stage.code, after: next.stage.code, on: today, now: now, database: database)
                return true
            }
            marked += done ? 1 : 0
            } catch let problem as Problem {
                failed.append(problem.detail ?? problem.title)
            }
        }
        return ReportOutcome(marked: marked, failed: failed)
    }

    // MARK: Lists

    /// The applicant's own skill applications, newest first.
    func mine(_ principal: Principal) async throws -> [SkillApplicationRecord] {
        guard let id = UUID(uuidString: principal.userID) else { return [] }
        return try await database.skillCases.applications(of: id)
    }

    /// Lines on a desk's page; the API answers up to `maxPageSize` (its size before it had pages).
    static let pageSize = 20
    static let maxPageSize = 500

    /// A provider's applications: those it was chosen for, and those whose turn is its own
    /// (the provincial centre, once the city centre has forwarded them); one page of them.
    func queue(provider id: String, stage: String?, page: PageRequest, principal: Principal) async throws -> ListPage<SkillQueueLine> {
        try await queue(of: providerOrganisation(id, for: principal).ref, stage: stage, page: page)
    }

    /// The queue of a provider the principal was already found to act for.
    func queue(of provider: OrganisationRef, stage: String?, page: PageRequest) async throws -> ListPage<SkillQueueLine> {
        let uuid = try UUID(uuidString: provider.id).orThrow()
        let (lines, matching) = try await database.skillCases.queue(
            SkillQueueQuery(provider: uuid, stage: stage.flatMap { $0.isEmpty ? nil : $0 }, offset: page.offset, limit: page.size, countLimit: page.countLimit))
        return page.of(lines, matching: matching)
    }

    // MARK: Attachments

    func attach(_ bytes: [UInt8], label: String, filename: String, to id: String, principal: Principal) async throws -> CaseFile {
        let model = try await visible(id, to: principal)
        guard model.applicantID.uuidString == principal.userID else { throw Problem(title: "无权办理", status: 403, detail: "只有申报人本人可以上传材料。") }
        let file = try UploadedFile(bytes, label: label, filename: filename)
        return try await CaseFiles<SkillApplicationRecord>(db: db, policy: policy).attach(
            file, to: model.id, actor: Actor(user: principal.userID, role: .applicant, organisation: ""), actorName: principal.displayName,
            organisationName: "", uploadedBy: model.applicantID)
    }
}

extension Optional {
    /// The value, or a 500: for ids the store itself wrote.
    func orThrow() throws -> Wrapped {
        guard let self else { throw Problem(title: "数据有误", status: 500, detail: "记录缺少编号。") }
        return self
    }
}
