import Domain
import PolicyData

/// The 申报表 of a question-bank call (附件2), every part of it, with the unit's self-check
/// against the unit conditions (一（二）1–6) and the project's basis (一（一）1–3).
public struct QuestionBankForm: Sendable, Hashable, Codable {
    /// One 项目优势 line: the boxes ticked and its text (职业与参与时间, 职业/等级/时间).
    public struct Advantage: Sendable, Hashable, Codable {
        public var boxes: [String]
        public var text: String

        public init(boxes: [String] = [], text: String = "") {
            self.boxes = boxes
            self.text = text
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            boxes = try c.decodeIfPresent([String].self, forKey: .boxes) ?? []
            text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        }
    }

    /// 二、项目信息: the 项目负责人.
    public struct Leader: Sendable, Hashable, Codable {
        public var name = "", gender = "", birthMonth = "", qualification = "", post = "", education = ""
        public var specialty = "", mobile = "", email = "", officePhone = "", employer = "", department = "", address = ""

        public init() {}

        // A draft may leave any field out.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) throws -> String { try c.decodeIfPresent(String.self, forKey: key) ?? "" }
            name = try text(.name); gender = try text(.gender); birthMonth = try text(.birthMonth); qualification = try text(.qualification)
            post = try text(.post); education = try text(.education); specialty = try text(.specialty); mobile = try text(.mobile)
            email = try text(.email); officePhone = try text(.officePhone); employer = try text(.employer); department = try text(.department)
            address = try text(.address)
        }
    }

    /// A row of the 专家团队: 职称、职业资格 with its level and certificate number.
    public struct Expert: Sendable, Hashable, Codable {
        public var name = "", gender = "", birthMonth = "", qualification = "", level = "", certificateNumber = "", employer = ""

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func text(_ key: CodingKeys) throws -> String { try c.decodeIfPresent(String.self, forKey: key) ?? "" }
            name = try text(.name); gender = try text(.gender); birthMonth = try text(.birthMonth); qualification = try text(.qualification)
            level = try text(.level); certificateNumber = try text(.certificateNumber); employer = try text(.employer)
        }
    }

    // 一、基本信息
    public var unitName = ""
    public var legalRepresentative = ""
    public var legalCertificateNumber = ""
    public var occupation = ""
    public var workType = ""
    public var occupationCode = ""
    /// 开发等级: grades 5 (五级) to 1 (一级).
    public var levels: [Int] = []
    public var contactName = ""
    public var contactMobile = ""
    public var intent: QuestionBankProject.Intent?
    /// The four 项目优势 lines, in the order of the form (call data `advantages`).
    public var advantages: [Advantage] = []
    // 二、项目信息
    public var leader = Leader()
    public var experts: [Expert] = []
    // 四、申报意见
    public var declaration = ""
    /// 一（一）: which condition the project meets (catalogue, recent_standard, aged_bank) and its evidence.
    public var basis = "catalogue"
    public var standardYear: Int?
    public var bankSince: Int?
    public var bankUnfit = ""
    /// 一（二）: the unit's answer to each unit condition (id → true: meets it / for the bar: has that record).
    public var selfCheck: [String: Bool] = [:]
    /// For condition 5: what the unit did (shown to the provincial centre as a preference).
    public var experienceNote = ""

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try c.decodeIfPresent(String.self, forKey: key) ?? "" }
        unitName = try text(.unitName); legalRepresentative = try text(.legalRepresentative); legalCertificateNumber = try text(.legalCertificateNumber)
        occupation = try text(.occupation); workType = try text(.workType); occupationCode = try text(.occupationCode)
        levels = try c.decodeIfPresent([Int].self, forKey: .levels) ?? []
        contactName = try text(.contactName); contactMobile = try text(.contactMobile)
        intent = try c.decodeIfPresent(QuestionBankProject.Intent.self, forKey: .intent)
        advantages = try c.decodeIfPresent([Advantage].self, forKey: .advantages) ?? []
        leader = try c.decodeIfPresent(Leader.self, forKey: .leader) ?? Leader()
        experts = try c.decodeIfPresent([Expert].self, forKey: .experts) ?? []
        declaration = try text(.declaration)
        basis = try c.decodeIfPresent(String.self, forKey: .basis) ?? "catalogue"
        standardYear = try c.decodeIfPresent(Int.self, forKey: .standardYear)
        bankSince = try c.decodeIfPresent(Int.self, forKey: .bankSince)
        bankUnfit = try text(.bankUnfit)
        selfCheck = try c.decodeIfPresent([String: Bool].self, forKey: .selfCheck) ?? [:]
        experienceNote = try text(.experienceNote)
    }

    public static let maximumExperts = 30
    public static let textLimit = 500
    public static let shortLimit = 64

    public static func gradeName(_ grade: Int) -> String {
        let level = SkillLevel(rawValue: 6 - grade)
        return [level?.grade, level?.name].compactMap { $0 }.joined(separator: "（") + (level == nil ? "" : "）")
    }

    /// "5-1" → [5, 4, 3, 2, 1].
    public static func grades(_ range: String) -> [Int] {
        let parts = range.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...5).contains(parts[0]), (1...5).contains(parts[1]), parts[0] >= parts[1] else { return [] }
        return Array((parts[1]...parts[0]).reversed())
    }

    public var gradesText: String { levels.sorted(by: >).map(Self.gradeName).joined(separator: "、") }
}

/// What the catalogue offers for one occupation: its 工种 and the levels of each.
public struct QuestionBankProjectChoice: Sendable, Hashable, Codable {
    public struct WorkType: Sendable, Hashable, Codable {
        public let name: String
        public let grades: [Int]
    }

    public let row: String
    public let occupation: String
    /// The levels without a 工种 (empty where the row lists 工种 for every level).
    public let wholeOccupationGrades: [Int]
    public let workTypes: [WorkType]
    public let code: String?

    /// The row's choices: each 工种 with the levels in brackets after it, or the row's levels;
    /// a reading of the call sets levels apart where the column says so.
    public init(_ entry: QuestionBankEntry, reading: QuestionBankCall.CatalogueReading?, code: String?) {
        row = entry.source.row
        occupation = entry.printedOccupation
        self.code = code
        let rowGrades = entry.levels.map(QuestionBankForm.grades) ?? []
        workTypes = entry.workTypes.map { printed in
            // "熔炼浇注工（5-1）": the name and its own range.
            if let open = printed.lastIndex(of: "（"), printed.hasSuffix("）") {
                let range = String(printed[printed.index(after: open)..<printed.index(before: printed.endIndex)])
                let grades = QuestionBankForm.grades(range)
                if !grades.isEmpty { return WorkType(name: String(printed[..<open]), grades: grades) }
            }
            return WorkType(name: printed, grades: reading?.workTypeLevels.map(QuestionBankForm.grades) ?? rowGrades)
        }
        if let whole = reading?.wholeOccupationLevels {
            wholeOccupationGrades = QuestionBankForm.grades(whole)
        } else {
            wholeOccupationGrades = entry.workTypes.isEmpty ? rowGrades : []
        }
    }

    /// A call's catalogue rows as choices, each read with the call's reading of its row.
    public static func choices(_ entries: [QuestionBankEntry], call: QuestionBankCall, code: (String) -> String?) -> [QuestionBankProjectChoice] {
        let readings = Dictionary((call.readings ?? []).map { ($0.row, $0) }, uniquingKeysWith: { first, _ in first })
        return entries.map { QuestionBankProjectChoice($0, reading: readings[$0.source.row], code: code($0.occupation)) }
    }

    /// The levels open for `workType` ("" for the occupation without one).
    public func grades(for workType: String) -> [Int]? {
        workType.isEmpty ? (wholeOccupationGrades.isEmpty ? nil : wholeOccupationGrades) : workTypes.first { $0.name == workType }?.grades
    }
}

/// The checks a form must pass: on a draft only what could never be right (lengths, a 工种
/// the row does not list); on submission everything the form asks for, and the bar.
public struct QuestionBankFormCheck: Sendable {
    public struct Problem: Sendable, Hashable, Codable {
        public let field: String
        public let message: String
    }

    public let call: QuestionBankCall
    public let choices: [QuestionBankProjectChoice]
    /// The year the call was issued: a bank's age is counted to it.
    public let callYear: Int
    public let today: CalendarDate

    public init(call: QuestionBankCall, choices: [QuestionBankProjectChoice], callYear: Int, today: CalendarDate) {
        self.call = call
        self.choices = choices
        self.callYear = callYear
        self.today = today
    }

    public func choice(for occupation: String) -> QuestionBankProjectChoice? {
        let key = occupation.trimmingWhitespace
        return choices.first { $0.occupation == key }
    }

    /// Condition 6: the unit has the record that bars it; the reason says so with the clause.
    public func bar(_ form: QuestionBankForm) -> String? {
        for condition in call.unitConditions where condition.kind == .bar && form.selfCheck[condition.id] == true {
            return "按 \(condition.clause)：“\(condition.quote)”。自查结果为有此情形，不能申报。"
        }
        return nil
    }

    public func problems(_ form: QuestionBankForm, submitting: Bool) -> [Problem] {
        var found: [Problem] = []
        func add(_ field: String, _ message: String) { found.append(Problem(field: field, message: message)) }
        func required(_ field: String, _ value: String, _ label: String) {
            if submitting && value.trimmingWhitespace.isEmpty { add(field, "请填写「\(label)」") }
        }
        let short: [(String, String, String)] = [
            ("unitName", form.unitName, "单位全称"), ("legalRepresentative", form.legalRepresentative, "单位法人"),
            ("legalCertificateNumber", form.legalCertificateNumber, "法人证书编码"), ("occupation", form.occupation, "申报职业名称"),
            ("workType", form.workType, "申报工种名称"), ("occupationCode", form.occupationCode, "申报职业编码"),
            ("contactName", form.contactName, "项目联系人"), ("contactMobile", form.contactMobile, "手机号码"),
            ("leader.name", form.leader.name, "项目负责人"), ("leader.gender", form.leader.gender, "性别"),
            ("leader.birthMonth", form.leader.birthMonth, "出生年月"), ("leader.qualification", form.leader.qualification, "职称或职业资格"),
            ("leader.post", form.leader.post, "职务"), ("leader.education", form.leader.education, "学历学位"),
            ("leader.specialty", form.leader.specialty, "精通专业"), ("leader.mobile", form.leader.mobile, "手机号码"),
            ("leader.email", form.leader.email, "电子邮箱"), ("leader.officePhone", form.leader.officePhone, "单位电话"),
            ("leader.employer", form.leader.employer, "工作单位"), ("leader.department", form.leader.department, "所在部门"),
        ]
        for (field, value, label) in short {
            if value.count > QuestionBankForm.shortLimit { add(field, "「\(label)」不超过 \(QuestionBankForm.shortLimit) 字") }
            if field != "workType" { required(field, value, label) }
        }
        for (field, value, label) in [("leader.address", form.leader.address, "通讯地址"), ("declaration", form.declaration, "申报意见"),
                                      ("bankUnfit", form.bankUnfit, "原题库不适应产业发展的说明"), ("experienceNote", form.experienceNote, "牵头或参加的经历")] {
            if value.count > QuestionBankForm.textLimit { add(field, "「\(label)」不超过 \(QuestionBankForm.textLimit) 字") }
        }
        required("leader.address", form.leader.address, "通讯地址")
        required("declaration", form.declaration, "申报意见")
        for (field, value) in [("contactMobile", form.contactMobile), ("leader.mobile", form.leader.mobile)] where !value.isEmpty && !Self.isMobile(value) {
            add(field, "手机号码应为 11 位数字，以 1 开头")
        }
        if !form.leader.email.isEmpty && !Self.isEmail(form.leader.email) { add("leader.email", "电子邮箱的格式不对") }
        if !form.leader.birthMonth.isEmpty && !Self.isMonth(form.leader.birthMonth) { add("leader.birthMonth", "出生年月应写作 1975-06") }
        if !form.occupationCode.isEmpty && !NameKey.isOccupationCode(form.occupationCode) { add("occupationCode", "职业编码应写作 6-20-01-01") }
        if submitting && form.intent == nil { add("intent", "请选择开发意向：意愿为牵头单位或参与单位") }
        found += advantageProblems(form, submitting: submitting)
        found += expertProblems(form, submitting: submitting)
        found += projectProblems(form, submitting: submitting)
        for condition in call.unitConditions {
            let answer = form.selfCheck[condition.id]
            switch condition.kind {
            case .required where submitting && answer != true:
                add("selfCheck.\(condition.id)", "不符合 \(condition.clause)（\(condition.quote)）的单位不能申报")
            case .bar where submitting && answer == nil, .preference where submitting && answer == nil:
                add("selfCheck.\(condition.id)", "请就 \(condition.clause) 作出自查选择")
            default: break
            }
        }
        return found
    }

    private func advantageProblems(_ form: QuestionBankForm, submitting: Bool) -> [Problem] {
        let lines = call.forms.application.parts.flatMap { $0.advantages ?? [] }
        var found: [Problem] = []
        if form.advantages.count > lines.count { found.append(Problem(field: "advantages", message: "项目优势只有 \(lines.count) 行")) }
        for (index, line) in lines.enumerated() {
            let answer = index < form.advantages.count ? form.advantages[index] : QuestionBankForm.Advantage()
            let field = "advantages.\(index)"
            if !answer.boxes.allSatisfy(line.boxes.contains) { found.append(Problem(field: field, message: "「\(line.line)」只能勾选：" + line.boxes.joined(separator: "、"))) }
            if answer.text.count > QuestionBankForm.textLimit { found.append(Problem(field: field, message: "「\(line.line)」不超过 \(QuestionBankForm.textLimit) 字")) }
            // 有/无 lines: exactly one box; 有 asks for its 职业/等级/时间.
            if line.boxes.contains("无") {
                if answer.boxes.count > 1 { found.append(Problem(field: field, message: "「\(line.line)」请在“有”“无”中选一个")) }
                if submitting && answer.boxes.isEmpty { found.append(Problem(field: field, message: "请在「\(line.line)」勾选“有”或“无”")) }
                if submitting && answer.boxes == ["有"] && answer.text.trimmingWhitespace.isEmpty {
                    found.append(Problem(field: field, message: "「\(line.line)」勾选“有”时请填写\(line.text)"))
                }
            } else if submitting && !answer.boxes.isEmpty && answer.text.trimmingWhitespace.isEmpty {
                found.append(Problem(field: field, message: "「\(line.line)」已勾选，请填写\(line.text)"))
            }
        }
        return found
    }

    private func expertProblems(_ form: QuestionBankForm, submitting: Bool) -> [Problem] {
        var found: [Problem] = []
        if form.experts.count > QuestionBankForm.maximumExperts {
            found.append(Problem(field: "experts", message: "专家团队最多 \(QuestionBankForm.maximumExperts) 人"))
        }
        if submitting && form.experts.isEmpty { found.append(Problem(field: "experts", message: "请填写专家团队成员")) }
        for (index, expert) in form.experts.enumerated() {
            let field = "experts.\(index)"
            let values = [expert.name, expert.gender, expert.birthMonth, expert.qualification, expert.level, expert.certificateNumber, expert.employer]
            if values.contains(where: { $0.count > QuestionBankForm.shortLimit }) {
                found.append(Problem(field: field, message: "第 \(index + 1) 位专家的每一栏不超过 \(QuestionBankForm.shortLimit) 字"))
            }
            if submitting && values.contains(where: { $0.trimmingWhitespace.isEmpty }) {
                found.append(Problem(field: field, message: "第 \(index + 1) 位专家：请填写姓名、性别、出生年月、职称或职业资格及其等级与证书编码、工作单位"))
            }
            if !expert.birthMonth.isEmpty && !Self.isMonth(expert.birthMonth) {
                found.append(Problem(field: field, message: "第 \(index + 1) 位专家的出生年月应写作 1975-06"))
            }
        }
        return found
    }

    /// The occupation, 工种 and levels against the catalogue, or the evidence of 一（一）2–3.
    private func projectProblems(_ form: QuestionBankForm, submitting: Bool) -> [Problem] {
        var found: [Problem] = []
        func add(_ field: String, _ message: String) { found.append(Problem(field: field, message: message)) }
        let conditions = Dictionary(uniqueKeysWithValues: call.projectConditions.map { ($0.id, $0) })
        guard let condition = conditions[form.basis] else {
            add("basis", "开发项目应满足的条件为：" + call.projectConditions.map { "\($0.id)（\($0.clause)）" }.joined(separator: "、"))
            return found
        }
        if !form.levels.allSatisfy((1...5).contains) || Set(form.levels).count != form.levels.count { add("levels", "开发等级为一级至五级，每级只选一次") }
        if submitting && form.levels.isEmpty { add("levels", "请选择申报开发等级") }
        let listed = choice(for: form.occupation)
        if condition.minimumStandardYear == nil && condition.minimumBankYears == nil {
            // 一（一）1: an occupation of the catalogue, a 工种 of its row, levels within its range.
            guard let listed else {
                if !form.occupation.isEmpty {
                    let others = call.projectConditions.filter { $0.id != condition.id }.map(\.clause).joined(separator: " 或 ")
                    add("occupation", "「\(form.occupation)」不在参考目录（\(call.catalogue)）中；目录外的职业可按 \(others) 申报，并附相应依据")
                }
                return found
            }
            guard let grades = listed.grades(for: form.workType) else {
                let names = listed.workTypes.map(\.name)
                add("workType", form.workType.isEmpty ? "「\(listed.occupation)」须选择工种：" + names.joined(separator: "、")
                                                      : "「\(listed.occupation)」的工种为：" + names.joined(separator: "、") + (listed.wholeOccupationGrades.isEmpty ? "" : "（或不选工种）"))
                return found
            }
            let outside = form.levels.filter { !grades.contains($0) }
            if !outside.isEmpty {
                add("levels", "「\(listed.occupation)\(form.workType.isEmpty ? "" : " " + form.workType)」的开发等级为 "
                    + grades.map(QuestionBankForm.gradeName).joined(separator: "、") + "，不含 " + outside.map(QuestionBankForm.gradeName).joined(separator: "、"))
            }
            if let code = listed.code, !form.occupationCode.isEmpty, form.occupationCode != code {
                add("occupationCode", "「\(listed.occupation)」的职业编码为 \(code)")
            }
            return found
        }
        if let listed {
            let catalogue = call.projectConditions.first { $0.minimumStandardYear == nil && $0.minimumBankYears == nil }?.clause ?? call.catalogue
            add("basis", "「\(listed.occupation)」在参考目录中，请按 \(catalogue) 申报")
            return found
        }
        if let minimum = condition.minimumStandardYear {
            if let year = form.standardYear {
                if year < minimum || year > today.year { add("standardYear", "按 \(condition.clause)，国家职业技能标准须为 \(minimum) 年及以后发布（填写的是 \(year) 年）") }
            } else if submitting {
                add("standardYear", "请填写\(condition.evidence ?? "国家职业技能标准的发布年份")")
            }
        }
        if let minimum = condition.minimumBankYears {
            let unfit = !form.bankUnfit.trimmingWhitespace.isEmpty
            if let since = form.bankSince {
                if since > callYear || since < 1950 {
                    add("bankSince", "现有省级题库的启用年份不对")
                } else if callYear - since < minimum && !unfit {
                    add("bankSince", "按 \(condition.clause)，已有省级题库使用 \(minimum) 年及以上（\(since) 年启用，至 \(callYear) 年为 \(callYear - since) 年），或说明原题库资源已不适应当前产业发展")
                }
            } else if submitting && !unfit {
                add("bankSince", "请填写\(condition.evidence ?? "现有省级题库的启用年份")")
            }
        }
        return found
    }

    static func isMobile(_ text: String) -> Bool {
        text.count == 11 && text.first == "1" && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ") && text.count <= 128
    }

    static func isMonth(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]) else { return false }
        return (1900...2100).contains(year) && (1...12).contains(month)
    }
}
