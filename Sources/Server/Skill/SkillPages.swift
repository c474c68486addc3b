import Access
import Contract
import Domain
import Fluent
import Foundation
import Store
import Vapor
import Workflow

/// The skill-evaluation pages, without script: the applicant's options and applications, one
/// application with the forms of the steps the viewer may take (accept, batch, results,
/// certificate), the providers' work (queue and batches) and the bureaus' report list.
extension CaseworkPages {
    func bootSkillPages(_ pages: any RoutesBuilder) {
        pages.get("skill", use: skillHome)
        pages.on(.POST, "skill", "applications", body: .collect(maxSize: "16kb"), use: startSkill)
        pages.get("skill", "cases", ":id", use: skillCase)
        pages.on(.POST, "skill", "cases", ":id", "act", body: .collect(maxSize: "64kb"), use: actOnSkill)
        pages.on(.POST, "skill", "cases", ":id", "attachments", body: .collect(maxSize: "6mb"), use: uploadSkill)
        pages.get("skill", "cases", ":id", "attachments", ":attachment", use: downloadSkill)
        pages.get("skill", "work", use: skillWork)
        pages.on(.POST, "skill", "work", "batches", body: .collect(maxSize: "16kb"), use: createSkillBatch)
        pages.on(.POST, "skill", "work", "reports", body: .collect(maxSize: "64kb"), use: markSkillReports)
    }

    // MARK: The applicant

    struct SkillOptionLine: Encodable, Sendable {
        let key: String
        let occupation: String
        let level: String
        let route: String
        let routeLabel: String
        let status: String
        let statusLabel: String
        let earliest: String
        let exemptible: Bool
        let procedures: [String]
        /// The organisations set up that cover it (and the applicant's qualified employer, where any).
        let providers: [Option]
        let workTypes: [String]
    }

    struct SkillHomePage: Encodable, Sendable {
        let title: String
        let csrf: String
        let error: String
        let jurisdiction: String
        let jurisdictions: [Option]
        let applications: [SkillQueueItem]
        let options: [SkillOptionLine]
        let employers: [Option]
    }

    func skillHome(_ request: Request) async throws -> Response {
        try await renderSkillHome(request, error: "", status: .ok)
    }

    func renderSkillHome(_ request: Request, error: String, status: HTTPResponseStatus) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let service = request.skillApplications
        let base = request.policy.base
        let applications = try await service.mine(principal)
        let mine = applications.map { SkillQueueItem($0, words: request.policy.words(SkillEvaluation.self)) }
        // The place asked for, else that of the latest application, else the first city of the data.
        let latest = applications.first?.jurisdiction
        let firstCity = base.jurisdictions.first { base.jurisdictionChain($0.code).count > 1 }?.code
        let code = request.query[String.self, at: "j"].flatMap { base.jurisdiction($0)?.code } ?? latest ?? firstCity ?? base.jurisdictions.first?.code ?? ""
        let userID = try UUID(uuidString: principal.userID).orThrow()
        let person = try await request.db.personRecords.person(of: userID)
        let result = try? request.applications.evaluate(person, jurisdiction: code, on: request.policy.today())
        let providers = try await service.directory.providers(in: base.jurisdictionChain(code).map(\.code))
        let routing = SkillRouting(base: base)
        let options = (result?.skillOptions ?? []).compactMap { option -> SkillOptionLine? in
            guard let occupation = option.occupation else { return nil }
            // Only the organisations the routing would accept (a qualified employer: for its own staff, chosen below).
            let covering = providers.filter { provider in
                (try? routing.route(option, occupation: occupation, workType: nil, jurisdiction: code, to: provider,
                                    employer: provider.organisation.kind == .employer ? provider.organisation : nil, others: providers)) != nil
            }
            let workTypes = Set(covering.flatMap { $0.coverage.filter { $0.occupation == occupation }.compactMap(\.workType) }).sorted()
            return SkillOptionLine(key: "\(option.route.rawValue)-\(occupation)-\(option.level.name)", occupation: occupation, level: option.level.name,
                                   route: option.route.rawValue, routeLabel: option.route.label, status: option.status.rawValue,
                                   statusLabel: option.status.label(for: option.route), earliest: option.earliestDate?.description ?? "",
                                   exemptible: option.exemptions.contains("theory_exam"),
                                   procedures: option.procedures.map { "\(base.document($0.policy)?.number ?? $0.policy) \($0.clause)" },
                                   providers: covering.map { Option(value: $0.organisation.id, label: $0.organisation.name) }, workTypes: workTypes)
        }
        let employers = try await request.listings.organisations(kind: .employer, in: base.jurisdictionChain(code).map(\.code))
        return try await Self.render(request, "skill", status: status) { csrf in
            SkillHomePage(title: "技能评价申请", csrf: csrf, error: error, jurisdiction: code,
                          jurisdictions: base.jurisdictions.map { Option(value: $0.code, label: $0.name) }, applications: mine, options: options,
                          employers: employers.map { Option(value: $0.ref.id, label: $0.ref.name) })
        }
    }

    struct SkillStartForm: PostedForm {
        var csrf: String?
        var provider: String?
        var route: String?
        var occupation: String?
        var workType: String?
        var level: String?
        var employer: String?
        var theoryExempt: String?
        var submit: String?
    }

    func startSkill(_ request: Request) async throws -> Response {
        return try await signedInPost(request, SkillStartForm.self) { principal, form in
            let model = try await request.skillApplications.start(.init(
                provider: form.provider ?? "", route: form.route ?? "", occupation: form.occupation ?? "", workType: form.workType, level: form.level ?? "",
                employer: form.employer, theoryExempt: form.theoryExempt == "yes", submit: form.submit == "yes"), principal: principal)
            return Self.redirect("/skill/cases/\(model.id.uuidString)")
        } refused: { _, message, status in
            return try await renderSkillHome(request, error: message, status: status)
        }
    }

    // MARK: An application

    struct SkillCasePage: Encodable, Sendable {
        let title: String
        let csrf: String
        let error: String
        let application: SkillApplicationView
        let audit: [AuditView]
        /// Officers' reads of the case and its attachments.
        let reads: [ReadView]
        /// Where the case's pages are (its attachments below it).
        let casePath: String
        let can: SkillCan
        let isApplicant: Bool
        let batches: [Option]
        let today: String
    }

    func skillCase(_ request: Request) async throws -> Response {
        try await renderSkillCase(request, error: "", status: .ok)
    }

    func renderSkillCase(_ request: Request, error: String, status: HTTPResponseStatus) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let service = request.skillApplications
        let model = try await service.read(request.parameters.get("id") ?? "", by: principal)
        let view = try await service.view(model, for: principal)
        let reads = try await service.reads(of: model)
        let audit = try await service.trail(model)
        var batches: [Option] = []
        if view.actions.contains("assign"), let assessor = try StoredJSON.decode(SkillEvaluation.self, model.state).assessor {
            batches = try await service.batches(provider: assessor.organisation, principal: principal)
                .filter { $0.occupation == model.occupation && $0.level == model.level && $0.seatsTaken < $0.capacity }
                .map { Option(value: $0.id.uuidString, label: "\($0.heldOn) \($0.place)（余 \($0.capacity - $0.seatsTaken) 个名额）") }
        }
        return try await Self.render(request, "skill-case", status: status) { csrf in
            SkillCasePage(title: "技能评价：\(view.occupation) \(view.level)", csrf: csrf, error: error, application: view, audit: audit, reads: reads, casePath: "/skill/cases/",
                          can: SkillCan(view.actions), isApplicant: model.applicantID.uuidString == principal.userID,
                          batches: batches, today: request.policy.today().description)
        }
    }

    /// What the viewer may do now, one flag per form.
    struct SkillCan: Encodable, Sendable {
        let submit, resubmit, withdraw, attach, approve, giveBack, reject, confirm, assign, results, certify: Bool

        init(_ actions: [String]) {
            let set = Set(actions)
            submit = set.contains("submit"); resubmit = set.contains("resubmit"); withdraw = set.contains("withdraw"); attach = set.contains("attach")
            approve = set.contains("approve"); giveBack = set.contains("return"); reject = set.contains("reject"); confirm = set.contains("confirm")
            assign = set.contains("assign"); results = set.contains("results"); certify = set.contains("certify")
        }
    }

    struct SkillActForm: PostedForm {
        var csrf: String?
        var action: String?
        var version: Int?
        var reason: String?
        var item: Int?
        var met: String?
        var note: String?
        var batch: String?
        var number: String?
        /// One result per component: component1/score1/passed1 …
        var components: [String]?
        var scores: [String]?
        var passed: [String]?
    }

    func actOnSkill(_ request: Request) async throws -> Response {
        let id = request.parameters.get("id") ?? ""
        return try await signedInPost(request, SkillActForm.self) { principal, form in
            let components = form.components ?? [], scores = form.scores ?? [], passed = form.passed ?? []
            // The conclusion has no default: each component's is chosen, or nothing is recorded.
            if !components.isEmpty, passed.count != components.count || passed.contains(where: { $0 != "yes" && $0 != "no" }) {
                throw Problem.invalid(field: "passed", "请为每个考核项目选择「合格」或「不合格」")
            }
            let results = components.indices.map { index in
                SkillActionInput.Result(component: components[index], score: index < scores.count ? scores[index] : "", passed: passed[index] == "yes")
            }
            _ = try await request.skillApplications.act(id, SkillActionInput(
                action: form.action ?? "", version: form.version ?? -1, reason: form.reason, item: form.item, met: form.met.map { $0 == "yes" },
                note: form.note, batch: form.batch, results: results.isEmpty ? nil : results, number: form.number), principal: principal)
            return Self.redirect("/skill/cases/\(id)")
        } refused: { _, message, status in
            return try await renderSkillCase(request, error: message, status: status)
        }
    }

    func uploadSkill(_ request: Request) async throws -> Response {
        try await receiveUpload(request, page: "/skill/cases/", attach: { principal, id, bytes, label, filename in
            _ = try await request.skillApplications.attach(bytes, label: label, filename: filename, to: id, principal: principal)
        }, rerender: { error, status in try await renderSkillCase(request, error: error, status: status) })
    }

    func downloadSkill(_ request: Request) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        return try await request.skillApplications.attachment(request.parameters.get("attachment") ?? "", of: request.parameters.get("id") ?? "", principal: principal).download
    }

    // MARK: Providers and bureaus

    struct ProviderDesk: Encodable, Sendable {
        let id: String
        let name: String
        let coverage: [String]
        /// The stage the list is filtered by ("" for all), and those it may be.
        let stage: String
        let stages: [Option]
        let applications: ListPage<SkillQueueItem>
        let previous: String
        let next: String
        let batches: [BatchView]
    }

    struct BureauDesk: Encodable, Sendable {
        let id: String
        let name: String
        /// The most lines shown; `more` when others wait beyond them.
        let shown: Int
        let more: Bool
        /// The certificates not yet reported, oldest first.
        let lines: [CertificateReportLine]
    }

    struct SkillWorkPage: Encodable, Sendable {
        let title: String
        let csrf: String
        let message: String
        let providers: [ProviderDesk]
        let bureaus: [BureauDesk]
        let levels: [String]
    }

    func skillWork(_ request: Request) async throws -> Response {
        try await renderSkillWork(request, message: "", status: .ok)
    }

    func renderSkillWork(_ request: Request, message: String, status: HTTPResponseStatus) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        guard principal.isOfficer else { return Self.redirect("/skill") }
        let service = request.skillApplications
        var providers: [ProviderDesk] = []
        var bureaus: [BureauDesk] = []
        let pagedProvider = try request.query.get(String?.self, at: "provider")
        let requestedPage = try request.query.get(Int?.self, at: "page")
        let words = request.policy.words(SkillEvaluation.self)
        // The stages an application in a queue can be in (a draft is in none), in procedure order.
        let stages = words.stages.filter { $0.code != "draft" }.map { Option(value: $0.code, label: $0.label) }
        var message = message
        var requestedStage = try request.query.get(String?.self, at: "stage").flatMap { $0.isEmpty ? nil : $0 }
        if let asked = requestedStage, !stages.contains(where: { $0.value == asked }) {
            message = [message, "没有「\(asked)」这个状态，下面列出全部状态的申请。"].filter { !$0.isEmpty }.joined(separator: " ")
            requestedStage = nil
        }
        for membership in principal.memberships {
            let organisation = membership.organisation
            if CasePolicy.actsFor(provider: organisation, principal), membership.role != .employer || organisation.kind == .employer,
               !providers.contains(where: { $0.id == organisation.id }), let provider = try? await service.provider(organisation.id, for: principal),
               !provider.coverage.isEmpty {
                // `?provider=…&stage=…&page=…` filters and turns the pages of one provider's list; the others show their first, unfiltered.
                let chosen = pagedProvider == organisation.id
                let stage = chosen ? requestedStage : nil
                let asked = try PageRequest(page: chosen ? requestedPage : nil, size: nil, defaultSize: SkillApplicationService.pageSize,
                                            maxSize: SkillApplicationService.pageSize, narrowing: "状态")
                let page = try await service.queue(of: provider.organisation, stage: stage, page: asked).map { SkillQueueItem($0, words: words) }
                let filter = stage.map { "&stage=\($0)" } ?? ""
                let (previous, next) = page.neighbours { "/skill/work?provider=\(organisation.id)\(filter)&page=\($0)#p-\(organisation.id)" }
                providers.append(ProviderDesk(id: organisation.id, name: organisation.name, coverage: provider.coverage.map { "\($0.summary)（\($0.source)）" },
                                              stage: stage ?? "", stages: stages, applications: page, previous: previous, next: next,
                                              batches: try await service.batches(of: provider).map(BatchView.init)))
            }
            if Role.hrBureaus.contains(membership.role), !bureaus.contains(where: { $0.id == organisation.id }) {
                // What waits for the bureau, as many as one marking takes; the whole list is in the downloads.
                let pending = try await service.reports(bureau: organisation.id, principal: principal, pending: true, limit: SkillApplicationService.markedAtOnce + 1)
                bureaus.append(BureauDesk(id: organisation.id, name: organisation.name, shown: SkillApplicationService.markedAtOnce,
                                          more: pending.count > SkillApplicationService.markedAtOnce,
                                          lines: pending.prefix(SkillApplicationService.markedAtOnce).map(CertificateReportLine.init)))
            }
        }
        return try await Self.render(request, "skill-work", status: status) { csrf in
            SkillWorkPage(title: "技能评价工作台", csrf: csrf, message: message, providers: providers, bureaus: bureaus,
                          levels: SkillLevel.allCases.map(\.name))
        }
    }

    struct BatchForm: PostedForm {
        var csrf: String?
        var provider: String?
        var occupation: String?
        var workType: String?
        var level: String?
        var heldOn: String?
        var place: String?
        var capacity: Int?
        var components: String?
    }

    func createSkillBatch(_ request: Request) async throws -> Response {
        return try await signedInPost(request, BatchForm.self) { principal, form in
            let components = (form.components ?? "").split(whereSeparator: { "、,，\n".contains($0) }).map { String($0).trimmingWhitespace }
            let batch = try await request.skillApplications.createBatch(.init(
                occupation: form.occupation ?? "", workType: form.workType, level: form.level ?? "", heldOn: form.heldOn ?? "", place: form.place ?? "",
                capacity: form.capacity ?? 0, components: components), provider: form.provider ?? "", principal: principal)
            return try await renderSkillWork(request, message: "已新建考核批次：\(batch.heldOn) \(batch.place)，\(batch.capacity) 个名额。", status: .ok)
        } refused: { _, message, status in
            return try await renderSkillWork(request, message: "未能新建批次：" + message, status: status)
        }
    }

    struct ReportForm: PostedForm {
        var csrf: String?
        var bureau: String?
        var certificates: [String]?
    }

    func markSkillReports(_ request: Request) async throws -> Response {
        return try await signedInPost(request, ReportForm.self) { principal, form in
            let outcome = try await request.skillApplications.markReported(form.certificates ?? [], bureau: form.bureau ?? "", principal: principal)
            let failures = outcome.failed.isEmpty ? "" : "；\(outcome.failed.count) 份未标记：" + outcome.failed.joined(separator: "；")
            return try await renderSkillWork(request, message: "已标记 \(outcome.marked) 份证书为已上报\(failures)。", status: .ok)
        } refused: { _, message, status in
            return try await renderSkillWork(request, message: "未能标记：" + message, status: status)
        }
    }
}
