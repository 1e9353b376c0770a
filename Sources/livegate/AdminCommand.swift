import ArgumentParser
import Foundation
import Gateway
import Logging
import LiveCore

struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Administer accounts in a data folder (works while the server runs).",
        subcommands: [Grant.self, Revoke.self])

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make ACCOUNT an administrator.")
        @Argument(help: "Account name, phone or email.") var account: String
        @OptionGroup var options: ServerOptions

        func run() async throws {
            let core = try Gateway.makeCore(try GatewayConfiguration(settings: try options.settings()), logger: Logger(label: "livegate.admin"))
            let user = try await core.accounts.setAdministrator(account: account, true)
            print("granted administrator to \(user.account) (uid \(user.id))")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw ACCOUNT's administrator role.")
        @Argument(help: "Account name, phone or email.") var account: String
        @OptionGroup var options: ServerOptions

        func run() async throws {
            let core = try Gateway.makeCore(try GatewayConfiguration(settings: try options.settings()), logger: Logger(label: "livegate.admin"))
            let user = try await core.accounts.setAdministrator(account: account, false)
            print("revoked administrator from \(user.account) (uid \(user.id))")
        }
    }
}
