import Access
import Domain
import Fluent
import Foundation
import SQLKit
import Store
import Vapor
import Workflow

/// Accounts, organisations and roles: what the administrator's commands and sign-in do.
struct AccountService: Sendable {
    /// Written through the casework's one write path (on SQLite, its gate), so an account's
    /// write never meets a casework transaction half-way.
    let db: CaseDatabase
    let hasher: AsyncPasswordHasher
    let base: PolicyServices
    var database: any Database { db.database }
    /// The accounts as stored, for reads (writes take the write path: `db.write { $0.accounts }`).
    var store: SQLAccountStore { get throws { try database.accounts } }

    static let passwordRule = "密码至少 10 个字符，不能与用户名相同"

    static func checkPassword(_ password: String, username: String) throws {
        guard password.count >= 10, password.count <= 128, password != username else {
            throw Problem.invalid(field: "password", passwordRule)
        }
    }

    static func checkUsername(_ username: String) throws {
        let allowed = username.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "_-.@".unicodeScalars.contains($0) }
        guard (3...64).contains(username.count), allowed else {
            throw Problem.invalid(field: "username", "用户名为 3–64 个字母、数字或 _-.@")
        }
    }

    /// A new account. Self-registration makes an applicant; officers are granted roles by an administrator.
    func createUser(username: String, displayName: String, password: String) async throws -> Account {
        try Self.checkUsername(username)
        try Self.checkPassword(password, username: username)
        let name = displayName.trimmingWhitespace
        guard !name.isEmpty, InputLimits.isWithin(name, characters: InputLimits.nameCharacters) else {
            throw Problem.invalid(field: "displayName", "请填写姓名（不超过 \(InputLimits.nameCharacters) 个字）")
        }
        // The hash first, whether or not the name is taken, so the answer's time tells nothing;
        // and a taken name is refused like any other unusable one (422), not with a 409 of its own.
        let hash = try await digest(password)
        let unusable = Problem.invalid(field: "username", "无法使用这个用户名注册，请换一个")
        if try await store.account(named: username) != nil { throw unusable }
        let user = Account(username: username, displayName: name, passwordHash: hash)
        let now = base.clock.now()
        do {
            try await db.write { try await $0.accounts.add(user, at: now) }
        } catch let problem as Problem where problem.status == 409 {
            throw unusable
        }
        return user
    }

    /// The user whose password matches, or nil (the same answer whether the name or the password is wrong).
    func authenticate(username: String, password: String) async throws -> Account? {
        guard let user = try await store.account(named: username) else {
            // Spend the same time as a real check, so that names cannot be found by timing.
            _ = try? await hasher.verify(password, created: Self.dummyHash)
            return nil
        }
        return try await verify(password, against: user.passwordHash) ? user : nil
    }

    /// A bcrypt hash of a random string, verified against when the name is unknown.
    static let dummyHash = prehashedMark + "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5kzzgyLXkS7mmrRfzFaqF1UMMtqBqXe"

    /// bcrypt reads only a password's first 72 bytes: 80 × "a" + "X" and 80 × "a" + "Y" would
    /// be one password. So the password is first hashed with SHA-256 (its base64, 44 bytes, is
    /// all bcrypt sees), and the stored hash is marked so; unmarked hashes, made before, are
    /// still verified as they were made.
    static let prehashedMark = "sha256+"

    static func prehashed(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    func digest(_ password: String) async throws -> String {
        try await Self.prehashedMark + hasher.hash(Self.prehashed(password))
    }

    func verify(_ password: String, against stored: String) async throws -> Bool {
        if stored.hasPrefix(Self.prehashedMark) {
            return try await hasher.verify(Self.prehashed(password), created: String(stored.dropFirst(Self.prehashedMark.count)))
        }
        return try await hasher.verify(password, created: stored)
    }

    /// The account with its new password and a new session epoch: every session started
    /// before the change ends.
    @discardableResult
    func setPassword(_ user: Account, to password: String) async throws -> Account {
        try Self.checkPassword(password, username: user.username)
        var changed = user
        changed.passwordHash = try await digest(password)
        changed.sessionEpoch += 1
        try await db.write { [changed] in try await $0.accounts.setPassword(of: changed.id, hash: changed.passwordHash, sessionEpoch: changed.sessionEpoch) }
        return changed
    }

    func user(named username: String) async throws -> Account {
        guard let user = try await store.account(named: username) else {
            throw Problem.notFound("没有用户「\(username)」。")
        }
        return user
    }

    func principal(for user: Account) async throws -> Principal {
        guard let found = try await store.principal(of: user.id) else { throw Problem.notFound("没有这个用户。") }
        return found.principal
    }

    // MARK: Administration

    /// `provides`: for an evaluation organisation, its name as the data gives it (a provider row,
    /// an access-type department, a procedure's centre); what it covers is taken from there.
    func createOrganisation(kind: OrganisationKind, name: String, jurisdiction: String, level: AdminLevel?, committee: String?,
                            handlers: [String: String], provides: String? = nil) async throws -> Organisation {
        let trimmed = name.trimmingWhitespace
        guard !trimmed.isEmpty, trimmed.count <= 100 else { throw Problem.invalid(field: "name", "请填写机构名称（不超过 100 个字）") }
        guard base.base.jurisdiction(jurisdiction) != nil else { throw Problem.invalid(field: "jurisdiction", "没有地区「\(jurisdiction)」") }
        if kind == .hrBureau, level == nil { throw Problem.invalid(field: "level", "人力社保部门须写明层级：county、city 或 province") }
        if kind == .evaluationCentre, level != .city && level != .province {
            throw Problem.invalid(field: "level", "技能评价（鉴定）中心须写明层级：city（市中心）或 province（省中心）")
        }
        if ![.hrBureau, .titleReformOffice, .evaluationCentre].contains(kind), level != nil {
            throw Problem.invalid(field: "level", "只有人力社保部门、职改办和技能评价（鉴定）中心有层级")
        }
        if kind == .committee {
            guard let committee, !committee.isEmpty else { throw Problem.invalid(field: "committee", "评审委员会须写明名称") }
            // A committee the data lists must be spelled as the data does; where the documents
            // name none (they leave it to the year's notice), the name is the administrator's.
            let listed = base.base.committees.filter { $0.jurisdiction == jurisdiction }.compactMap(\.name)
            if !listed.isEmpty, !listed.contains(committee) {
                throw Problem.invalid(field: "committee", "「\(committee)」不在本地区文件所列评审委员会中：" + Set(listed).sorted().joined(separator: "、"))
            }
        }
        var coverage: [SkillCoverage] = []
        if kind == .evaluationOrganisation {
            let catalogue = ProviderCatalogue(base: base.base)
            let listed = (provides ?? trimmed).trimmingWhitespace
            guard let covered = catalogue.coverage(of: listed, in: jurisdiction) else {
                throw Problem.invalid(field: "provides", "「\(listed)」不在本地区文件所列评价机构中：" + catalogue.names(in: jurisdiction).joined(separator: "、"))
            }
            coverage = covered
        } else if provides != nil {
            throw Problem.invalid(field: "provides", "只有评价机构写明文件所列名称")
        }
        for (role, organisation) in handlers {
            guard let parsedRole = Role(rawValue: role), let uuid = UUID(uuidString: organisation),
                  let office = try await database.organisations.organisation(uuid), office.ref.admits(parsedRole) else {
                throw Problem.invalid(field: "handlers", "「\(role)」应指向可办理该环节的机构")
            }
        }
        let model = Organisation(ref: OrganisationRef(id: UUID().uuidString, kind: kind, name: trimmed, jurisdiction: jurisdiction, level: level,
                                                      committee: kind == .committee ? committee : nil, handlers: handlers),
                                 coverage: try StoredJSON.encode(coverage))
        let now = base.clock.now()
        do {
            try await db.write { try await $0.organisations.add(model, at: now) }
        } catch let problem as Problem where problem.status == 409 {
            throw Problem(title: "机构已存在", status: 409, detail: "已有同名的\(kind.label)「\(trimmed)」。")
        }
        return model
    }

    /// Marks an employer as holding 职业技能等级认定 qualification (自主评价) for an occupation
    /// and levels, on the source the administrator names (the filing or notice).
    func qualify(_ organisation: Organisation, occupation: String, levels: [String], source: String) async throws -> [SkillCoverage] {
        guard organisation.ref.kind == .employer, let id = organisation.id else {
            throw Problem.invalid(field: "org", "只有用人单位可以标记为自主评价企业")
        }
        guard let match = base.base.resolveOccupation(occupation) else { throw Problem.invalid(field: "occupation", "没有职业（工种）「\(occupation)」") }
        let parsed = levels.compactMap(SkillLevel.init(name:))
        guard !levels.isEmpty, parsed.count == levels.count else {
            throw Problem.invalid(field: "levels", "等级应为 " + SkillLevel.acceptedNames.joined(separator: "、"))
        }
        let cited = source.trimmingWhitespace
        guard !cited.isEmpty, cited.count <= 200 else { throw Problem.invalid(field: "source", "请写明资质的依据（备案文件或公告，不超过 200 字）") }
        var coverage = organisation.skillCoverage
        coverage.removeAll { $0.occupation == match.occupation.name }
        coverage.append(SkillCoverage(occupation: match.occupation.name, workType: nil, levels: parsed.sorted().map(\.name), source: cited, basis: .qualified))
        let stored = try StoredJSON.encode(coverage)
        try await db.write { try await $0.organisations.setCoverage(of: id, to: stored) }
        return coverage
    }

    func organisation(_ id: String) async throws -> Organisation {
        try await database.organisations.require(id)
    }

    func grant(_ role: Role, to user: Account, in organisation: Organisation) async throws {
        guard organisation.ref.admits(role) else {
            throw Problem.invalid(field: "role", "「\(role.label)」不能在\(organisation.ref.kind.label)「\(organisation.ref.name)」中担任")
        }
        let organisationID = try organisation.id.orThrow(), now = base.clock.now()
        do {
            try await db.write { try await $0.accounts.grant(role, to: user.id, in: organisationID, at: now) }
        } catch let problem as Problem where problem.status == 409 {
            return  // held already
        }
    }

    /// Takes the role away; true when it was held.
    func revoke(_ role: Role, from user: Account, in organisation: Organisation) async throws -> Bool {
        let organisationID = try organisation.id.orThrow()
        return try await db.write { try await $0.accounts.revoke(role, from: user.id, in: organisationID) }
    }
}
