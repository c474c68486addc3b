import Vapor

/// bcrypt, the slow hash Vapor ships, on threads of its own. On the application's pool it
/// would run among the SQLite queries, which wait their turn there: a crowd of registrations
/// and sign-ins (each hash about a quarter of a second of CPU) then held every other request's
/// queries for seconds, past the connection pool's timeout.
enum PasswordHashing {
    private struct PoolKey: StorageKey { typealias Value = NIOThreadPool }

    /// `cost`: tests lower it to keep their sign-ins quick.
    static func use(_ app: Application, cost: Int) async {
        app.passwords.use(.bcrypt(cost: cost))
        let pool = NIOThreadPool(numberOfThreads: System.coreCount)
        pool.start()
        await app.storage.setWithAsyncShutdown(PoolKey.self, to: pool) { try await $0.shutdownGracefully() }
    }

    static func hasher(_ app: Application, answeringOn eventLoop: any EventLoop) -> AsyncPasswordHasher {
        // Until `use` has run (nothing hashes before then) the application's pool serves.
        app.password.sync.async(on: app.storage[PoolKey.self] ?? app.threadPool, hopTo: eventLoop)
    }
}

extension Application {
    var passwordHasher: AsyncPasswordHasher { PasswordHashing.hasher(self, answeringOn: eventLoopGroup.next()) }
}

extension Request {
    var passwordHasher: AsyncPasswordHasher { PasswordHashing.hasher(application, answeringOn: eventLoop) }
}
