import Access
import Contract
import Domain
import Fluent
import Foundation
import Spreadsheet
import Vapor
import Workflow

extension CaseworkPages {
    // MARK: An application

    struct CasePage: Encodable, Sendable {
        let title: String
        let csrf: String
        let error: String
        let application: TitleApplicationView
        let audit: [AuditView]
        /// Officers' reads of the case and its attachments.
        let reads: [ReadView]
        /// Where the case's pages are (its attachments below it).
        let casePath: String
        let can: Can
        let openItems: [TitleApplicationView.ConfirmationView]
        let isApplicant: Bool
        let nextStep: String
        let votingRule: String
        let today: String
        let recognition: Bool
    }

    /// What the viewer may do now, one flag per form.
    struct Can: Encodable, Sendable {
        let submit, resubmit, withdraw, approve, giveBack, reject, confirm, closePublicity, resolveObjection, decide, issue, upload: Bool

        init(_ actions: [String], upload: Bool) {
            let set = Set(actions)
            submit = set.contains("submit"); resubmit = set.contains("resubmit"); withdraw = set.contains("withdraw"); approve = set.contains("approve")
            giveBack = set.contains("return"); reject = set.contains("reject"); confirm = set.contains("confirm"); closePublicity = set.contains("close_publicity")
            resolveObjection = set.contains("resolve_objection"); decide = set.contains("decide"); issue = set.contains("issue")
            self.upload = upload
        }
    }

    func casePage(_ request: Request) async throws -> Response {
        try await renderCase(request, error: "", status: .ok)
    }

    func renderCase(_ request: Request, error: String, status: HTTPResponseStatus) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let service = request.applications
        let model = try await service.read(request.parameters.get("id") ?? "", by: principal)
        let view = try await service.view(model, for: principal)
        let audit = try await service.trail(model)
        let reads = try await service.reads(of: model)
        let plan = try await request.listings.plan(model.planID)
        let mine = Set(view.myRoles)
        let can = Can(view.actions, upload: try service.mayAttach(model, principal))
        let items = view.confirmations.filter { $0.status == "open" && mine.contains($0.role) }
        let next: String
        if let due = view.roleDueLabel {
            next = view.myRoles.contains(view.roleDue ?? "") ? "轮到您办理（\(due)）。" : "等待「\(due)」办理。"
        } else {
            next = "申请已结束：\(view.stageLabel)。"
        }
        return try await Self.render(request, "case", status: status) { csrf in
            CasePage(title: "申请：\(view.series ?? "") \(view.level)", csrf: csrf, error: error, application: view, audit: audit, reads: reads, casePath: "/cases/", can: can, openItems: items,
                     isApplicant: mine.contains("applicant"), nextStep: next, votingRule: plan?.rule.text ?? "", today: request.policy.today().description,
                     recognition: view.route == "direct_recognition")
        }
    }

    struct ActForm: PostedForm {
        var csrf: String?
        var action: String?
        var version: Int?
        var reason: String?
        var item: Int?
        var met: String?
        var note: String?
        var upheld: String?
        var decision: String?
        var adopted: String?
    }

    func act(_ request: Request) async throws -> Response {
        let id = request.parameters.get("id") ?? ""
        return try await signedInPost(request, ActForm.self) { principal, form in
            _ = try await request.applications.act(id, ActionInput(
                action: form.action ?? "", version: form.version ?? -1, reason: form.reason, item: form.item, met: form.met.map { $0 == "yes" },
                note: form.note, upheld: form.upheld.map { $0 == "yes" }, decision: form.decision, adopted: form.adopted.map { $0 == "yes" }), principal: principal)
            return Self.redirect("/cases/\(id)")
        } refused: { _, message, status in
            return try await renderCase(request, error: message, status: status)
        }
    }

    struct DecideForm: PostedForm {
        var csrf: String?
        var version: Int?
        var heldOn: String?
        var present: String?
        var inFavour: Int?
        var against: Int?
        var abstain: Int?
        var recognised: String?
        var evidence: String?
    }

    /// The committee's office records a session (members present) and its votes on this application.
    func decide(_ request: Request) async throws -> Response {
        let id = request.parameters.get("id") ?? ""
        let service = request.applications
        return try await signedInPost(request, DecideForm.self) { principal, form in
            let model = try await service.visible(id, to: principal)
            guard let plan = try await request.listings.plan(model.planID), CasePolicy.mayManage(committee: plan.committeeOrgID.uuidString, principal) else {
                throw Problem(title: "无权办理", status: 403, detail: "只有本评审委员会办公室可以记录表决。")
            }
            let present = (form.present ?? "").split(whereSeparator: { $0 == "\n" || $0 == "、" || $0 == "," || $0 == "，" }).map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
            let session = try await service.createSession(TitleApplicationService.SessionInput(group: model.separateGroup ? "separate" : "general",
                                                                                          heldOn: form.heldOn ?? "", present: present), plan: plan)
            _ = try await service.decide(TitleApplicationService.DecisionInput(application: id, version: form.version ?? -1, inFavour: form.inFavour, against: form.against,
                                                                          abstain: form.abstain, recognised: form.recognised.map { $0 == "yes" }, evidence: form.evidence),
                                         session: session.id.uuidString, principal: principal)
            return Self.redirect("/cases/\(id)")
        } refused: { _, message, status in
            return try await renderCase(request, error: message, status: status)
        }
    }

    /// The file and material name of an upload form, its token checked.
    static func uploadedFile(_ request: Request) throws -> (File, String) {
        struct UploadForm: Content {
            var csrf: String?
            var label: String?
            var file: File?
        }
        let form = try request.form(UploadForm.self)
        try FormGuard.checkToken(request, field: form.csrf)
        guard let file = form.file else { throw Problem.invalid(field: "file", "请选择文件") }
        return (file, form.label ?? "")
    }

    /// An upload form posted to a case's page (title or skill): attached, then back to `page` + id,
    /// or the page again with the reason it was refused.
    func receiveUpload(_ request: Request, page: String,
                       attach: (Principal, String, [UInt8], String, String) async throws -> Void,
                       rerender: (String, HTTPResponseStatus) async throws -> Response) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let id = request.parameters.get("id") ?? ""
        do {
            let (file, label) = try Self.uploadedFile(request)
            try await attach(principal, id, Array(buffer: file.data), label, file.filename)
            return Self.redirect(page + id)
        } catch {
            return try await rerender(Self.message(of: error), Self.status(of: error))
        }
    }

    func upload(_ request: Request) async throws -> Response {
        try await receiveUpload(request, page: "/cases/", attach: { principal, id, bytes, label, filename in
            _ = try await request.applications.attach(bytes, label: label, filename: filename, to: id, principal: principal)
        }, rerender: { error, status in try await renderCase(request, error: error, status: status) })
    }

    func download(_ request: Request) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let attachment = try await request.applications.attachment(request.parameters.get("attachment") ?? "", of: request.parameters.get("id") ?? "", principal: principal)
        return attachment.download
    }

    // MARK: The offices' queue

    struct WorkPage: Encodable, Sendable {
        let title: String
        let csrf: String
        let name: String
        let roles: [String]
        let page: QueuePage
        let plans: [Option]
        let stages: [Option]
        let filter: FilterEcho
        let query: String
        let committees: [Option]
        let message: String
        let confirming: [QueueItem]
        let previous: String
        let next: String
    }

    struct FilterEcho: Encodable, Sendable {
        let plan: String
        let series: String
        let level: String
        let stage: String
        let overdue: Bool
        let all: Bool
    }

    func work(_ request: Request) async throws -> Response {
        try await renderWork(request, message: "", confirming: [], status: .ok)
    }

    func renderWork(_ request: Request, message: String, confirming: [QueueItem], status: HTTPResponseStatus) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        guard principal.isOfficer else { return Self.redirect("/me") }
        let filter = try request.query.decode(QueueFilter.self)
        let page = try await request.applications.queue(filter, principal: principal)
        let plans = try await request.listings.plans(limit: 200)
        let query = (request.url.query ?? "").split(separator: "&").filter { !$0.hasPrefix("page=") }.joined(separator: "&")
        let committees = principal.memberships.filter { $0.role == .committeeOffice }.map { Option(value: $0.organisation.id, label: $0.organisation.name) }
        let (previous, next) = page.neighbours { "/work?\(query)&page=\($0)" }
        return try await Self.render(request, "work", status: status) { csrf in
            WorkPage(title: "工作台", csrf: csrf, name: principal.displayName, roles: principal.memberships.map { "\($0.role.label)（\($0.organisation.name)）" },
                     page: page, plans: plans.map { Option(value: $0.id.uuidString, label: $0.title + "（\($0.committee)）") },
                     stages: request.policy.words(TitleApplication.self).stages.map { Option(value: $0.code, label: $0.label) },
                     filter: FilterEcho(plan: filter.plan ?? "", series: filter.series ?? "", level: filter.level ?? "", stage: filter.stage ?? "",
                                        overdue: filter.overdue == true, all: filter.scope == "all"),
                     query: query, committees: committees, message: message, confirming: confirming,
                     previous: previous, next: next)
        }
    }

    /// Bulk approval: the first post lists what was chosen and asks to confirm; the second acts on each, with the version shown.
    func bulk(_ request: Request) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        struct BulkForm: Content {
            var csrf: String?
            var ids: [String]?
            var versions: [Int]?
            var confirm: String?
        }
        let form = try request.form(BulkForm.self)
        try FormGuard.checkToken(request, field: form.csrf)
        let ids = Array((form.ids ?? []).prefix(TitleApplicationService.maxPageSize))
        guard !ids.isEmpty else { return try await renderWork(request, message: "请先勾选申请。", confirming: [], status: .unprocessableEntity) }
        let service = request.applications
        let today = request.policy.today()
        guard form.confirm == "yes", let versions = form.versions, versions.count == ids.count else {
            var chosen: [QueueItem] = []
            for id in ids { if let model = try? await service.visible(id, to: principal) { chosen.append(QueueItem(model, today: today, words: service.policy.words(TitleApplication.self))) } }
            return try await renderWork(request, message: "请确认对以下 \(chosen.count) 份申请办理“审核通过”：", confirming: chosen, status: .ok)
        }
        var done = 0
        var failed: [String] = []
        for (id, version) in zip(ids, versions) {
            do {
                _ = try await service.act(id, ActionInput(action: "approve", version: version), principal: principal)
                done += 1
            } catch {
                failed.append(Self.message(of: error))
            }
        }
        let summary = "已审核通过 \(done) 份" + (failed.isEmpty ? "。" : "；\(failed.count) 份未办理：" + Set(failed).sorted().joined(separator: "；"))
        return try await renderWork(request, message: summary, confirming: [], status: .ok)
    }

    /// The queue as filtered, as an .xlsx workbook.
    func export(_ request: Request) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        var filter = try request.query.decode(QueueFilter.self)
        var rows = [["申请编号", "申报人", "单位", "系列", "层级", "申报方式", "状态", "提交日期", "办理期限", "是否逾期"]]
        filter.size = TitleApplicationService.maxPageSize
        for page in 1...200 {
            filter.page = page
            let answer = try await request.applications.queue(filter, principal: principal)
            for item in answer.items {
                rows.append([item.id, item.applicantName, item.employerName, item.series ?? "", item.level, Contract.Route(rawValue: item.route)?.label ?? item.route,
                             item.stageLabel, item.submittedOn, item.dueBy, item.overdue ? "逾期" : ""])
            }
            if answer.items.count < answer.pageSize { break }
        }
        return try TableExport.xlsx(rows, filename: "queue", chineseName: "申请清单", scratchName: request.policy.tokens.hex(byteCount: 8))
    }

    // MARK: Plans

    struct PlanFormPage: Encodable, Sendable {
        let title: String
        let csrf: String
        let error: String
        let committees: [Option]
        let levels: [String]
        let year: Int
        let today: String
    }

    func planForm(_ request: Request) async throws -> Response {
        try await renderPlanForm(request, error: "", status: .ok)
    }

    func renderPlanForm(_ request: Request, error: String, status: HTTPResponseStatus) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let committees = principal.memberships.filter { $0.role == .committeeOffice }.map { Option(value: $0.organisation.id, label: $0.organisation.name) }
        guard !committees.isEmpty else { throw Problem(title: "无权办理", status: 403, detail: "只有评审委员会办公室可以发布评审计划。") }
        let today = request.policy.today()
        return try await Self.render(request, "plan-new", status: status) { csrf in
            PlanFormPage(title: "发布评审计划", csrf: csrf, error: error, committees: committees, levels: TitleLevel.allCases.map(\.name), year: today.year, today: today.description)
        }
    }

    func createPlan(_ request: Request) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        struct PlanForm: Content {
            var csrf: String?
            var committee: String?
            var title: String?
            var year: Int?
            var series: String?
            var levels: [String]?
            var opensOn: String?
            var closesOn: String?
            var checksDueOn: String?
            var reviewOn: String?
            var steps: String?
            var separateGroup: String?
            var materials: String?
            var publicityDays: Int?
            var resultPublicityDays: Int?
            var members: Int?
            var quorum: String?
            var pass: String?
            var ruleSource: String?
            var notice: String?
        }
        let form = try request.form(PlanForm.self)
        try FormGuard.checkToken(request, field: form.csrf)
        func lines(_ text: String?) -> [String] {
            (text ?? "").split(whereSeparator: { $0 == "\n" || $0 == "、" || $0 == "，" || $0 == "," }).map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
        }
        func fraction(_ text: String?) -> (Int, Int) {
            let parts = String(text ?? "").split(separator: "/").compactMap { Int(String($0).trimmingWhitespace) }
            return parts.count == 2 ? (parts[0], parts[1]) : (0, 0)
        }
        do {
            let committee = try await request.listings.organisation(form.committee ?? "")
            guard CasePolicy.mayManage(committee: form.committee ?? "", principal) else {
                throw Problem(title: "无权办理", status: 403, detail: "只有该评审委员会的办公室可以发布评审计划。")
            }
            // Steps as "role 事项" lines, only where the documents leave them to the year's notice.
            let steps = lines(form.steps).map { line -> PlanStep in
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                return PlanStep(role: parts.first ?? "", act: parts.count > 1 ? parts[1] : "审核")
            }
            let (qn, qd) = fraction(form.quorum), (pn, pd) = fraction(form.pass)
            let input = PlanInput(year: form.year ?? 0, title: form.title ?? "", series: lines(form.series), levels: form.levels ?? [], opensOn: form.opensOn ?? "",
                                  closesOn: form.closesOn ?? "", checksDueOn: form.checksDueOn ?? "", reviewOn: form.reviewOn ?? "", steps: steps.isEmpty ? nil : steps,
                                  separateGroup: form.separateGroup == "yes", materials: lines(form.materials), publicityDays: form.publicityDays ?? 0,
                                  resultPublicityDays: form.resultPublicityDays ?? 0, members: form.members ?? 0,
                                  votingRule: VotingRule(quorumNumerator: qn, quorumDenominator: qd, passNumerator: pn, passDenominator: pd, source: form.ruleSource ?? ""),
                                  notice: form.notice ?? "")
            _ = try await PlanService(db: request.caseDatabase, policy: request.policy).create(input, committee: committee)
            return Self.redirect("/work")
        } catch {
            return try await renderPlanForm(request, error: Self.message(of: error), status: Self.status(of: error))
        }
    }

    // MARK: Publicity (public)

    struct PublicityPage: Encodable, Sendable {
        let title: String
        let csrf: String
        let list: PublicityList
        let error: String
        let received: Bool
    }

    struct PublicityIndexPage: Encodable, Sendable {
        let title: String
        let plans: [PlanView]
    }

    func publicityIndex(_ request: Request) async throws -> Response {
        let today = request.policy.today()
        let plans = try await request.listings.plans(limit: 200).map { $0.view(today: today) }
        return try await request.view.render("publicity-index", PublicityIndexPage(title: "公示", plans: plans)).encodeResponse(for: request)
    }

    func publicity(_ request: Request) async throws -> Response {
        try await renderPublicity(request, error: "", received: request.query["received"] == "1", status: .ok)
    }

    func renderPublicity(_ request: Request, error: String, received: Bool, status: HTTPResponseStatus) async throws -> Response {
        let plan = try await PlanService(db: request.caseDatabase, policy: request.policy).find(request.parameters.get("plan") ?? "")
        let list = try await request.listings.publicity(plan, today: request.policy.today())
        return try await Self.render(request, "publicity", status: status) { csrf in
            PublicityPage(title: "公示：\(plan.title)", csrf: csrf, list: list, error: error, received: received)
        }
    }

    func object(_ request: Request) async throws -> Response {
        struct ObjectionForm: Content {
            var csrf: String?
            var application: String?
            var contact: String?
            var reason: String?
        }
        let form = try request.form(ObjectionForm.self)
        let plan = request.parameters.get("plan") ?? ""
        do {
            try FormGuard.checkToken(request, field: form.csrf)
            try request.application.objectionBudget.take(request)
            _ = try await request.applications.lodgeObjection(TitleApplicationService.ObjectionInput(application: form.application ?? "", contact: form.contact ?? "",
                                                                                                reason: form.reason ?? ""), planID: plan,
                                                              cap: request.application.security.objectionsPerApplication)
            return Self.redirect("/publicity/\(plan)?received=1")
        } catch {
            return try await renderPublicity(request, error: Self.message(of: error), received: false, status: Self.status(of: error))
        }
    }
}
