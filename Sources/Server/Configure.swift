import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Leaf
import LeafKit
import Vapor

/// Where saved checks are kept: an SQLite file by default, PostgreSQL when DATABASE_URL is set.
public enum DatabaseChoice: Sendable {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(String)
    /// PostgreSQL with two roles: the tables' owner runs the migrations and grants the service's
    /// role what it needs (no UPDATE, DELETE or TRUNCATE on the trails); the service runs as that role.
    case postgresRoles(service: String, owner: String)

    /// DATABASE_URL (postgres://…) switches to PostgreSQL, with DATABASE_OWNER_URL naming the
    /// owner's role when the service's is another; otherwise GUANTONG_SQLITE_PATH or guantong.sqlite.
    public static func fromEnvironment() -> DatabaseChoice {
        if let url = Environment.get("DATABASE_URL"), !url.isEmpty {
            if let owner = Environment.get("DATABASE_OWNER_URL"), !owner.isEmpty { return .postgresRoles(service: url, owner: owner) }
            return .postgres(url)
        }
        return .sqliteFile(Environment.get("GUANTONG_SQLITE_PATH") ?? "guantong.sqlite")
    }

    public var description: String {
        switch self {
        case .sqliteFile(let path): return "SQLite \(path)"
        case .sqliteMemory: return "SQLite (memory)"
        case .postgres: return "PostgreSQL"
        case .postgresRoles: return "PostgreSQL (service role apart from the owner)"
        }
    }
}

/// Sets up the database (with its migrations), the pages, the middleware and the routes.
public func configure(_ app: Application, services: PolicyServices, database: DatabaseChoice, stores: Stores = .database,
                      formActionsPerMinute: Int = 20, security: SecuritySettings = .production, passwordCost: Int = 12) async throws {
    app.policy = services
    app.stores = stores
    try await useDatabase(app, database)
    await PasswordHashing.use(app, cost: passwordCost)
    SignedInSession.configure(app)
    app.security = security
    let now = services.clock.now
    app.signInThrottle = SignInThrottle(settings: security, now: now)
    app.registrationBudget = AddressBudget(limiter: ClientRateLimiter(limit: security.registrationsPerMinute, window: 60, now: now))
    app.objectionBudget = AddressBudget(limiter: ClientRateLimiter(limit: security.objectionsPerMinute, window: 60, now: now))

    app.views.use(.leaf)
    guard let views = Bundle.module.url(forResource: "Views", withExtension: nil)?.path,
          let publicFolder = Bundle.module.url(forResource: "Public", withExtension: nil)?.path else {
        throw Abort(.internalServerError, reason: "the page templates are missing from the build")
    }
    app.leaf.sources = .singleSource(NIOLeafFiles(
        fileio: app.fileio, limits: [.toSandbox, .requireExtensions], sandboxDirectory: views, viewDirectory: views))
    // Not .toVisibleFiles: a build keeps the bundled templates under .build/.

    // A client that sends nothing for this long is disconnected, so slow clients cannot hold connections.
    app.http.server.configuration.idleTimeout = .seconds(30)
    // Outermost first: every answer, errors included, carries the security headers.
    app.middleware = Middlewares()
    let inFlight = InFlightRequests()
    app.inFlightRequests = inFlight
    app.middleware.use(InFlightMiddleware(requests: inFlight))
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ProblemMiddleware())
    app.middleware.use(RequestShapeMiddleware())
    app.formGuard = FormGuard(limiter: ClientRateLimiter(limit: formActionsPerMinute, window: 60, now: now))

    // Static files are compressed when the client accepts it (pages are not: they carry the
    // form token, and compressing a secret beside reflected input invites BREACH).
    app.http.server.configuration.responseCompression = .disabled
    let compressed = app.routes.responseCompression(.enable)
    try StaticFiles(folder: publicFolder).register(on: compressed, except: ["openapi.json"])
    try app.register(collection: EvaluationController())
    try app.register(collection: CatalogController())
    try app.register(collection: PageController())
    try app.register(collection: BulkController())
    try app.register(collection: TitleApplicationController(sessions: SessionRoutes(app)))
    try app.register(collection: CaseworkPages(sessions: SessionRoutes(app)))
    try app.register(collection: SkillController(sessions: SessionRoutes(app)))
    try app.register(collection: QuestionBankCallPages())
    try app.register(collection: QuestionBankController(sessions: SessionRoutes(app)))
    app.bulkJobs = BulkJobs()
    BulkController.sweep()
    let openAPI = try Data(contentsOf: URL(fileURLWithPath: publicFolder + "/openapi.json"))
    compressed.get("openapi.json") { _ in
        Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(data: openAPI))
    }
    app.get("healthz") { request in
        try Response.json(Health(status: "ok", documents: request.policy.base.documents.count, occupations: request.policy.base.occupations.count))
    }
}

/// Opens the database and brings its schema up to date (also for the administrator's commands).
public func useDatabase(_ app: Application, _ database: DatabaseChoice) async throws {
    switch database {
    case .sqliteFile(let path):
        // One connection per event loop and registration: while the writer holds one for a
        // group of writes, the readers keep theirs (WAL lets them read meanwhile).
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
        app.databases.use(.sqlite(.file(path)), as: .sqliteWriter, isDefault: false)
        app.writeGate = WriteGate(writer: .sqliteWriter)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
        app.writeGate = WriteGate(writer: nil)
    case .postgres(let url): app.databases.use(try .postgres(url: url), as: .psql)
    case .postgresRoles(let service, let owner):
        app.databases.use(try .postgres(url: service), as: .psql)
        app.databases.use(try .postgres(url: owner), as: DatabaseRoles.owner, isDefault: false)
    }
    switch database {
    case .postgres(let url):
        app.migrations.add(Migrations.all)
        try await MigrationLock.withPostgresLock(url: url, app: app) { try await app.autoMigrate() }
    case .postgresRoles(let service, let owner):
        app.migrations.add(Migrations.all, to: DatabaseRoles.owner)
        try await MigrationLock.withPostgresLock(url: owner, app: app) {
            try await app.autoMigrate()
            try await DatabaseRoles.grant(serviceURL: service, on: app.db(DatabaseRoles.owner))
        }
    case .sqliteFile, .sqliteMemory:
        app.migrations.add(Migrations.all)
        try await app.autoMigrate()
    }
    if case .sqliteFile = database, let sql = app.db as? any SQLDatabase {
        // Readers do not wait for the writer, and a commit survives the process being killed.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
}

struct Health: Encodable {
    let status: String
    let documents: Int
    let occupations: Int
}

extension Application {
    private struct StoresKey: StorageKey { typealias Value = Stores }

    /// Where records are kept (set by `configure`).
    public var stores: Stores {
        get { storage[StoresKey.self] ?? .database }
        set { storage[StoresKey.self] = newValue }
    }

    private struct FormGuardKey: StorageKey { typealias Value = FormGuard }

    /// The guard of state-changing forms (its per-client budget lives as long as the application).
    var formGuard: FormGuard {
        get { storage[FormGuardKey.self]! }
        set { storage[FormGuardKey.self] = newValue }
    }
}
