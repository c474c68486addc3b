import Fluent

/// Every migration, in order: one per file (M001_…, M002_…), never edited once released;
/// a change to the schema is a new file at the end.
enum Migrations {
    static let all: [any Migration] = [
        CreateSavedCheck(),
        AddSavedCheckOwner(),
        CreateAccounts(),
        CreateCasework(),
        CreateSessions.migration,
        MakeAuditAppendOnly(),
        AddQueueOrderIndex(),
        AddSessionExpiry(),
        AddOrganisationCoverage(),
        CreateSkillCasework(),
        CreateOrganisationAudit(),
        CreateSkillRevisions(),
        CreateQuestionBankCasework(),
        GuardAuditAgainstReplaceAndTruncate(),
        AddOneApplicationPerPlanAndLevel(),
        AddRecordJurisdiction(),
        MoveToOneCaseTrail(),
        CreateCaseReads(),
        AddSkillQueueIndexes(),
        AddSkillQueuePageOrder(),
        AddSkillTurnsElsewhere(),
        AddSessionHolder(),
    ]
}
