import Workflow

/// A kind of case (a case type of the casework): its rows in the one trail, attachments and
/// revisions tables are those with its `case_type`.
protocol CaseKind { static var caseType: String { get } }

enum TitleCases: CaseKind { static let caseType = TitleApplication.caseTypeID }
enum SkillCases: CaseKind { static let caseType = SkillEvaluation.caseTypeID }
enum QuestionBankCases: CaseKind { static let caseType = QuestionBankProject.caseTypeID }

