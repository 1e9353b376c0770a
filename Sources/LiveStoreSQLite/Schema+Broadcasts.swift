import GRDB

extension Schema {
    /// Broadcasts, playbacks and their recommendations.
    static func registerBroadcasts(_ migrator: inout DatabaseMigrator) {
    }
}
