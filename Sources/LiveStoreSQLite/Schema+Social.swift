import GRDB

extension Schema {
    /// Blacklists, letters, reports, bans and the other social tables.
    static func registerSocial(_ migrator: inout DatabaseMigrator) {
    }
}
