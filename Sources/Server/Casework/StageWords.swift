import Workflow

/// How the stages are stored (for queues) and named on pages.
extension TitleApplication.Stage {
    static let labels: [String: String] = [
        "draft": "草稿", "checking": "审核中", "returned": "退回修改", "rejected": "未通过审核", "publicity": "公示中", "objected": "公示期有异议",
        "stopped": "异议成立，已终止", "awaiting_review": "待评审", "passed": "评审通过", "failed": "评审未通过", "result_publicity": "评审结果公示中",
        "issued": "已发证", "withdrawn": "已撤回",
    ]

    var label: String { Self.labels[code] ?? code }
}

extension TitleApplication.Event {
    static let labels: [String: String] = [
        "create": "创建申请", "submit": "提交申请", "approve": "审核通过", "return": "退回修改", "resubmit": "修改后重新提交", "reject": "审核不通过",
        "withdraw": "撤回申请", "object": "收到异议", "resolve_objection": "处理异议", "close_publicity": "公示期满", "decide": "评审表决",
        "issue": "确认结果并发证", "not_adopted": "上级评审未通过", "confirm": "确认事项", "attach": "上传材料",
    ]
}

extension SkillEvaluation.Stage {
    static let labels: [String: String] = [
        "draft": "草稿", "checking": "受理审核中", "returned": "退回修改", "rejected": "不予受理", "accepted": "已受理，待安排批次",
        "scheduled": "已安排考核批次", "passed": "考核合格，待发证", "failed": "考核不合格", "certified": "已发证", "withdrawn": "已撤回",
    ]

    var label: String { Self.labels[code] ?? code }
}

extension SkillEvaluation.Event {
    static let labels: [String: String] = [
        "create": "创建申请", "submit": "提交申请", "approve": "受理通过", "forward": "审核上报", "return": "退回修改", "resubmit": "修改后重新提交",
        "reject": "不予受理", "withdraw": "撤回申请", "confirm": "确认事项", "attach": "上传材料", "assign": "安排考核批次", "unassign": "移出考核批次",
        "results": "登记考核成绩", "certify": "颁发证书", "report": "证书已报人力社保部门",
    ]
}

extension QuestionBankProject.Stage {
    static let labels: [String: String] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.label) })
}

extension QuestionBankProject.Event {
    static let labels: [String: String] = [
        "create": "创建申报表", "save": "保存申报表", "submit": "提交申报", "withdraw": "撤回申报", "return": "退回修改", "recommend": "签署推荐意见",
        "report": "报送省中心", "decide": "省中心确定结果", "attach": "上传材料",
    ]
}
