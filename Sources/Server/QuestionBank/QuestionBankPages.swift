import Access
import Domain
import Foundation
import PolicyData
import Vapor
import Workflow

/// The question-bank pages, without script: a unit's 申报表 and its applications, one
/// application with the steps the viewer may take and its A4 print view (附件2), the centres'
/// desks with the report and 汇总表, and the provincial centre's selection and closing time.
extension CaseworkPages {
    func bootQuestionBankPages(_ pages: any RoutesBuilder) {
        pages.get("question-bank", "work", use: questionBankWork)
        pages.get("question-bank", "apply", ":call", use: questionBankNew)
        pages.on(.POST, "question-bank", "apply", ":call", body: .collect(maxSize: "64kb"), use: questionBankCreate)
        pages.get("question-bank", "cases", ":id", use: questionBankCase)
        pages.get("question-bank", "cases", ":id", "print", use: questionBankPrint)
        pages.on(.POST, "question-bank", "cases", ":id", "save", body: .collect(maxSize: "64kb"), use: questionBankSave)
        pages.on(.POST, "question-bank", "cases", ":id", "act", body: .collect(maxSize: "16kb"), use: questionBankAct)
        pages.on(.POST, "question-bank", "cases", ":id", "attachments", body: .collect(maxSize: "6mb"), use: questionBankUpload)
        pages.get("question-bank", "cases", ":id", "attachments", ":attachment", use: questionBankDownload)
        pages.on(.POST, "question-bank", "centres", ":org", "report", body: .collect(maxSize: "16kb"), use: questionBankReport)
        pages.on(.POST, "question-bank", "calls", body: .collect(maxSize: "256kb"), use: questionBankPublish)
        pages.get("question-bank", "selection", ":call", use: questionBankSelection)
        pages.on(.POST, "question-bank", "selection", ":call", "closing", body: .collect(maxSize: "16kb"), use: questionBankClosing)
    }

    // MARK: The form

    /// The 申报表 as a page posts it: flat names, arrays for the repeated rows.
    struct QuestionBankFormFields: Content {
        var csrf: String?
        var version: Int?
        var unit: String?
        var unitName, legalRepresentative, legalCertificateNumber, occupation, workType, occupationCode: String?
        var levels: [Int]?
        var contactName, contactMobile, intent: String?
        var adv0, adv1, adv2, adv3: [String]?
        var advText0, advText1, advText2, advText3: String?
        var leaderName, leaderGender, leaderBirthMonth, leaderQualification, leaderPost, leaderEducation, leaderSpecialty: String?
        var leaderMobile, leaderEmail, leaderOfficePhone, leaderEmployer, leaderDepartment, leaderAddress: String?
        var expertName, expertGender, expertBirthMonth, expertQualification, expertLevel, expertCertificate, expertEmployer: [String]?
        var declaration, basis, standardYear, bankSince, bankUnfit, experienceNote: String?
        var selfCheck: [String: String]?

        var form: QuestionBankForm {
            var form = QuestionBankForm()
            form.unitName = unitName ?? ""; form.legalRepresentative = legalRepresentative ?? ""; form.legalCertificateNumber = legalCertificateNumber ?? ""
            form.occupation = occupation ?? ""; form.workType = workType ?? ""; form.occupationCode = occupationCode ?? ""
            form.levels = levels ?? []; form.contactName = contactName ?? ""; form.contactMobile = contactMobile ?? ""
            form.intent = intent.flatMap(QuestionBankProject.Intent.init(rawValue:))
            form.advantages = zip([adv0, adv1, adv2, adv3], [advText0, advText1, advText2, advText3]).map { .init(boxes: $0 ?? [], text: $1 ?? "") }
            var leader = QuestionBankForm.Leader()
            leader.name = leaderName ?? ""; leader.gender = leaderGender ?? ""; leader.birthMonth = leaderBirthMonth ?? ""
            leader.qualification = leaderQualification ?? ""; leader.post = leaderPost ?? ""; leader.education = leaderEducation ?? ""
            leader.specialty = leaderSpecialty ?? ""; leader.mobile = leaderMobile ?? ""; leader.email = leaderEmail ?? ""
            leader.officePhone = leaderOfficePhone ?? ""; leader.employer = leaderEmployer ?? ""; leader.department = leaderDepartment ?? ""
            leader.address = leaderAddress ?? ""
            form.leader = leader
            let names = expertName ?? []
            func cell(_ column: [String]?, _ index: Int) -> String { index < (column ?? []).count ? (column ?? [])[index].trimmingWhitespace : "" }
            form.experts = names.indices.compactMap { index in
                var expert = QuestionBankForm.Expert()
                expert.name = cell(expertName, index); expert.gender = cell(expertGender, index); expert.birthMonth = cell(expertBirthMonth, index)
                expert.qualification = cell(expertQualification, index); expert.level = cell(expertLevel, index)
                expert.certificateNumber = cell(expertCertificate, index); expert.employer = cell(expertEmployer, index)
                // A blank row of the page is no expert.
                let values = [expert.name, expert.gender, expert.birthMonth, expert.qualification, expert.level, expert.certificateNumber, expert.employer]
                return values.allSatisfy(\.isEmpty) ? nil : expert
            }
            form.declaration = declaration ?? ""
            form.basis = basis ?? "catalogue"
            form.standardYear = standardYear.flatMap { Int($0.trimmingWhitespace) }
            form.bankSince = bankSince.flatMap { Int($0.trimmingWhitespace) }
            form.bankUnfit = bankUnfit ?? ""
            form.selfCheck = (selfCheck ?? [:]).compactMapValues { $0 == "yes" ? true : $0 == "no" ? false : nil }
            form.experienceNote = experienceNote ?? ""
            return form
        }
    }

    struct QuestionBankFormPage: Encodable, Sendable {
        struct Line: Encodable, Sendable {
            let index: Int
            let line: String
            let boxes: [Box]
            let text: String
            let value: String
        }

        struct Box: Encodable, Sendable {
            let label: String
            let checked: Bool
        }

        struct Check: Encodable, Sendable {
            let id: String
            let clause: String
            let kind: String
            let quote: String
            let yes: Bool
            let no: Bool
        }

        struct Grade: Encodable, Sendable {
            let value: Int
            let label: String
            let checked: Bool
        }

        struct Row: Encodable, Sendable {
            let index: Int
            let expert: QuestionBankForm.Expert
        }

        let call: QuestionBankCallPages.CallView
        let action: String
        let form: QuestionBankForm
        let units: [Option]
        let lines: [Line]
        let checks: [Check]
        let grades: [Grade]
        let experts: [Row]
        let choices: [Option]
        let bases: [Option]
        let standardYear: String
        let bankSince: String
    }

    func formPage(_ call: QuestionBankCall, form: QuestionBankForm, action: String, principal: Principal, request: Request) async throws -> QuestionBankFormPage {
        let lines = call.forms.application.parts.flatMap { $0.advantages ?? [] }
        let callView = QuestionBankCallPages.CallView(call, calls: request.questionBank.calls, closing: try await request.questionBank.calls.closing(call),
                                                     now: request.policy.clock.now())
        let blank = QuestionBankForm.Expert()
        return QuestionBankFormPage(
            call: callView, action: action, form: form,
            units: principal.organisations(holding: .questionBankUnit).map { Option(value: $0.id, label: $0.name) },
            lines: lines.enumerated().map { index, line in
                let answer = index < form.advantages.count ? form.advantages[index] : QuestionBankForm.Advantage()
                return .init(index: index, line: line.line, boxes: line.boxes.map { .init(label: $0, checked: answer.boxes.contains($0)) }, text: line.text, value: answer.text)
            },
            checks: call.unitConditions.map {
                .init(id: $0.id, clause: $0.clause, kind: $0.kind.rawValue, quote: $0.quote, yes: form.selfCheck[$0.id] == true, no: form.selfCheck[$0.id] == false)
            },
            grades: (1...5).reversed().map { .init(value: $0, label: QuestionBankForm.gradeName($0), checked: form.levels.contains($0)) },
            experts: (form.experts + Array(repeating: blank, count: 3)).enumerated().map { .init(index: $0, expert: $1) },
            choices: request.questionBank.calls.choices(call).map { choice in
                let types = choice.workTypes.map { "\($0.name)（\($0.grades.map(QuestionBankForm.gradeName).joined(separator: "、"))）" }
                let whole = choice.wholeOccupationGrades.isEmpty ? [] : ["不分工种（\(choice.wholeOccupationGrades.map(QuestionBankForm.gradeName).joined(separator: "、"))）"]
                return Option(value: choice.occupation, label: "\(choice.row). \(choice.occupation)：" + (whole + types).joined(separator: "；"))
            },
            bases: call.projectConditions.map { Option(value: $0.id, label: "\($0.clause) \($0.quote)") },
            standardYear: form.standardYear.map(String.init) ?? "", bankSince: form.bankSince.map(String.init) ?? "")
    }

    struct QuestionBankNewPage: Encodable, Sendable {
        let title: String
        let csrf: String
        let error: String
        let page: QuestionBankFormPage
    }

    func questionBankNew(_ request: Request) async throws -> Response {
        try await renderQuestionBankNew(request, form: QuestionBankForm(), error: "", status: .ok)
    }

    func renderQuestionBankNew(_ request: Request, form: QuestionBankForm, error: String, status: HTTPResponseStatus) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let call = try await request.questionBank.calls.call(request.parameters.get("call") ?? "")
        guard !principal.organisations(holding: .questionBankUnit).isEmpty else {
            throw Problem(title: "无权办理", status: 403, detail: "只有单位的题库申报经办人可以填写申报表，请联系单位管理员开通。")
        }
        let page = try await formPage(call, form: form, action: "/question-bank/apply/\(call.id)", principal: principal, request: request)
        return try await Self.render(request, "question-bank-form", status: status) { csrf in
            QuestionBankNewPage(title: "填写申报表：" + call.forms.application.title, csrf: csrf, error: error, page: page)
        }
    }

    func questionBankCreate(_ request: Request) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let fields = try request.form(QuestionBankFormFields.self)
        try FormGuard.checkToken(request, field: fields.csrf)
        do {
            let model = try await request.questionBank.start(.init(call: request.parameters.get("call") ?? "", unit: fields.unit, form: fields.form), principal: principal)
            return Self.redirect("/question-bank/cases/\(model.id.uuidString)")
        } catch {
            return try await renderQuestionBankNew(request, form: fields.form, error: Self.message(of: error), status: Self.status(of: error))
        }
    }

    // MARK: An application

    struct QuestionBankCasePage: Encodable, Sendable {
        let title: String
        let csrf: String
        let error: String
        let application: QuestionBankApplicationView
        let audit: [AuditView]
        /// Officers' reads of the case and its attachments.
        let reads: [ReadView]
        /// Where the case's pages are (its attachments below it).
        let casePath: String
        let can: QuestionBankCan
        let page: QuestionBankFormPage?
        let bar: String
        let scanLabels: [String]
        let outcomes: [Option]
    }

    struct QuestionBankCan: Encodable, Sendable {
        let save, attach, submit, withdraw, giveBack, recommend, decide: Bool

        init(_ actions: [String]) {
            let set = Set(actions)
            save = set.contains("save"); attach = set.contains("attach"); submit = set.contains("submit"); withdraw = set.contains("withdraw")
            giveBack = set.contains("return"); recommend = set.contains("recommend"); decide = set.contains("decide")
        }
    }

    func questionBankCase(_ request: Request) async throws -> Response {
        try await renderQuestionBankCase(request, edited: nil, error: "", status: .ok)
    }

    func renderQuestionBankCase(_ request: Request, edited: QuestionBankForm?, error: String, status: HTTPResponseStatus) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let service = request.questionBank
        let model = try await service.read(request.parameters.get("id") ?? "", by: principal)
        let view = try await service.view(model, for: principal)
        let reads = try await service.reads(of: model)
        let call = try await service.calls.call(model.callID)
        let can = QuestionBankCan(view.actions)
        let page = can.save ? try await formPage(call, form: edited ?? view.form, action: "/question-bank/cases/\(view.id)/save", principal: principal, request: request) : nil
        let bar = service.calls.check(call, today: request.policy.today()).bar(view.form) ?? ""
        let audit = try await service.trail(model)
        return try await Self.render(request, "question-bank-case", status: status) { csrf in
            QuestionBankCasePage(title: "题库项目申报：\(view.occupation)\(view.workType.isEmpty ? "" : "（\(view.workType)）")", csrf: csrf, error: error,
                                 application: view, audit: audit, reads: reads, casePath: "/question-bank/cases/", can: can, page: page, bar: bar, scanLabels: QuestionBankService.scanLabels,
                                 outcomes: QuestionBankProject.Outcome.allCases.map { Option(value: $0.rawValue, label: $0.label) })
        }
    }

    func questionBankSave(_ request: Request) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let fields = try request.form(QuestionBankFormFields.self)
        try FormGuard.checkToken(request, field: fields.csrf)
        let id = request.parameters.get("id") ?? ""
        do {
            _ = try await request.questionBank.act(id, QuestionBankActionInput(action: "save", version: fields.version ?? -1, form: fields.form), principal: principal)
            return Self.redirect("/question-bank/cases/\(id)")
        } catch {
            return try await renderQuestionBankCase(request, edited: fields.form, error: Self.message(of: error), status: Self.status(of: error))
        }
    }

    struct QuestionBankActForm: PostedForm {
        var csrf: String?
        var action: String?
        var version: Int?
        var reason: String?
        var recommendAs: String?
        var outcome: String?
        /// Where to go after a decision taken from the selection page.
        var back: String?
    }

    func questionBankAct(_ request: Request) async throws -> Response {
        let id = request.parameters.get("id") ?? ""
        return try await signedInPost(request, QuestionBankActForm.self) { principal, form in
            let model = try await request.questionBank.act(id, QuestionBankActionInput(
                action: form.action ?? "", version: form.version ?? -1, reason: form.reason, recommendAs: form.recommendAs, outcome: form.outcome), principal: principal)
            if form.back == "selection" { return Self.redirect("/question-bank/selection/\(model.callID)") }
            return Self.redirect("/question-bank/cases/\(id)")
        } refused: { form, message, status in
            if form.back == "selection", let call = try? await request.questionBank.load(id, on: request.db).callID {
                return try await renderQuestionBankSelection(request, call: call, message: "未能办理：" + message, status: status)
            }
            return try await renderQuestionBankCase(request, edited: nil, error: message, status: status)
        }
    }

    func questionBankUpload(_ request: Request) async throws -> Response {
        try await receiveUpload(request, page: "/question-bank/cases/", attach: { principal, id, bytes, label, filename in
            _ = try await request.questionBank.attach(bytes, label: label, filename: filename, to: id, principal: principal)
        }, rerender: { error, status in try await renderQuestionBankCase(request, edited: nil, error: error, status: status) })
    }

    func questionBankDownload(_ request: Request) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        return try await request.questionBank.attachment(request.parameters.get("attachment") ?? "", of: request.parameters.get("id") ?? "", principal: principal).download
    }

    struct QuestionBankPrintPage: Encodable, Sendable {
        let title: String
        let application: QuestionBankApplicationView
        let form: QuestionBankCall.ApplicationForm
        let lines: [QuestionBankFormPage.Line]
        let project: String
        let submittedOn: String
    }

    /// 附件2 as an A4 page: the cover, 一、二、四 and 五 with what was filled in, for printing to PDF.
    func questionBankPrint(_ request: Request) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let service = request.questionBank
        let model = try await service.read(request.parameters.get("id") ?? "", by: principal)
        let view = try await service.view(model, for: principal)
        let call = try await service.calls.call(model.callID)
        let page = try await formPage(call, form: view.form, action: "", principal: principal, request: request)
        let response = try await request.view.render("question-bank-print", QuestionBankPrintPage(
            title: call.forms.application.title, application: view, form: call.forms.application, lines: page.lines,
            project: view.occupation + (view.workType.isEmpty ? "" : "（\(view.workType)）"), submittedOn: view.submittedOn)).encodeResponse(for: request)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    // MARK: The desks

    struct QuestionBankDesk: Encodable, Sendable {
        let id: String
        let name: String
        let isCity: Bool
        let applications: [QuestionBankQueueItem]
        let pending: Int
        let reports: [QuestionBankReportView]
    }

    struct QuestionBankCallLine: Encodable, Sendable {
        let id: String
        let title: String
        let closed: Bool
        let closesAt: String
        let closingSource: String
        let published: Bool
    }

    struct QuestionBankWorkPage: Encodable, Sendable {
        let title: String
        let csrf: String
        let message: String
        let calls: [QuestionBankCallLine]
        let isUnit: Bool
        let mine: [QuestionBankQueueItem]
        let desks: [QuestionBankDesk]
        let isProvince: Bool
    }

    func questionBankWork(_ request: Request) async throws -> Response {
        try await renderQuestionBankWork(request, message: "", status: .ok)
    }

    func renderQuestionBankWork(_ request: Request, message: String, status: HTTPResponseStatus) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let service = request.questionBank
        var calls: [QuestionBankCallLine] = []
        for call in try await service.calls.all() {
            let closing = try await service.calls.closing(call)
            calls.append(.init(id: call.id, title: service.calls.title(of: call), closed: request.policy.clock.now() >= closing.at,
                               closesAt: closing.text, closingSource: closing.source, published: call.publication != nil))
        }
        var desks: [QuestionBankDesk] = []
        for membership in principal.memberships where [.cityEvaluationCentre, .provincialEvaluationCentre].contains(membership.role) {
            let centre = membership.organisation
            guard !desks.contains(where: { $0.id == centre.id }) else { continue }
            let applications = try await service.desk(centre.id, principal: principal)
            desks.append(QuestionBankDesk(id: centre.id, name: centre.name, isCity: membership.role == .cityEvaluationCentre,
                                          applications: applications.map { QuestionBankQueueItem($0, words: request.policy.words(QuestionBankProject.self)) },
                                          pending: applications.filter { $0.stage == QuestionBankProject.Stage.recommended.rawValue && $0.centreID.uuidString == centre.id }.count,
                                          reports: try await service.reports(centre.id, principal: principal).map(QuestionBankReportView.init)))
        }
        let mine = try await service.mine(principal)
        return try await Self.render(request, "question-bank-work", status: status) { csrf in
            QuestionBankWorkPage(title: "题库项目申报与推荐", csrf: csrf, message: message, calls: calls,
                                 isUnit: !principal.organisations(holding: .questionBankUnit).isEmpty, mine: mine.map { QuestionBankQueueItem($0, words: request.policy.words(QuestionBankProject.self)) }, desks: desks,
                                 isProvince: !principal.organisations(holding: .provincialEvaluationCentre).isEmpty)
        }
    }

    struct QuestionBankReportForm: PostedForm {
        var csrf: String?
        var call: String?
        var contact: String?
        var phone: String?
    }

    func questionBankReport(_ request: Request) async throws -> Response {
        return try await signedInPost(request, QuestionBankReportForm.self) { principal, form in
            let report = try await request.questionBank.report(.init(call: form.call ?? "", contact: form.contact ?? "", phone: form.phone ?? ""),
                                                               centre: request.parameters.get("org") ?? "", principal: principal)
            return try await renderQuestionBankWork(request, message: "已报送省技能人才评价管理服务中心（\(report.filledOn)）。汇总表可在下方下载。", status: .ok)
        } refused: { _, message, status in
            return try await renderQuestionBankWork(request, message: "未能报送：" + message, status: status)
        }
    }

    // MARK: The provincial centre

    struct QuestionBankSelectionPage: Encodable, Sendable {
        let title: String
        let csrf: String
        let message: String
        let selection: QuestionBankSelectionView
        let closesAt: String
        let closingSource: String
        let outcomes: [Option]
    }

    func questionBankSelection(_ request: Request) async throws -> Response {
        try await renderQuestionBankSelection(request, call: request.parameters.get("call") ?? "", message: "", status: .ok)
    }

    func renderQuestionBankSelection(_ request: Request, call: String, message: String, status: HTTPResponseStatus) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let service = request.questionBank
        let selection = try await service.selection(call, principal: principal)
        let closing = try await service.calls.closing(selection.call)
        return try await Self.render(request, "question-bank-selection", status: status) { csrf in
            QuestionBankSelectionPage(title: "遴选牵头单位", csrf: csrf, message: message, selection: QuestionBankSelectionView(selection, words: request.policy.words(QuestionBankProject.self)),
                                      closesAt: closing.text, closingSource: closing.source,
                                      outcomes: QuestionBankProject.Outcome.allCases.map { Option(value: $0.rawValue, label: $0.label) })
        }
    }

    struct QuestionBankPublishForm: PostedForm {
        var csrf: String?
        var code, follows, title, number, issuedOn, lastDay, catalogue: String?
    }

    func questionBankPublish(_ request: Request) async throws -> Response {
        return try await signedInPost(request, QuestionBankPublishForm.self) { principal, form in
            let model = try await request.questionBank.publish(.init(code: form.code ?? "", follows: form.follows ?? "", title: form.title ?? "", number: form.number,
                                                                     issuedOn: form.issuedOn ?? "", lastDay: form.lastDay ?? "", catalogue: form.catalogue ?? ""),
                                                               principal: principal)
            return Self.redirect("/question-bank/\(model.code)")
        } refused: { _, message, status in
            return try await renderQuestionBankWork(request, message: "未能发布：" + message, status: status)
        }
    }

    struct QuestionBankClosingForm: PostedForm {
        var csrf: String?
        var closesAt: String?
        var source: String?
    }

    func questionBankClosing(_ request: Request) async throws -> Response {
        let call = request.parameters.get("call") ?? ""
        return try await signedInPost(request, QuestionBankClosingForm.self) { principal, form in
            let closing = try await request.questionBank.setClosing(call, .init(closesAt: form.closesAt ?? "", source: form.source ?? ""), principal: principal)
            return try await renderQuestionBankSelection(request, call: call, message: "截止时间已设为 \(closing.text)。", status: .ok)
        } refused: { _, message, status in
            return try await renderQuestionBankSelection(request, call: call, message: "未能设定：" + message, status: status)
        }
    }
}
