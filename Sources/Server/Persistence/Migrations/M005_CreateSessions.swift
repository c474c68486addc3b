import Fluent

/// 005: signed-in sessions in the database, so that several server processes share them.
enum CreateSessions {
    static var migration: any Migration { SessionRecord.migration }
}
