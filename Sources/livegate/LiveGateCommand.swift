import ArgumentParser

@main
struct LiveGateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "livegate",
        abstract: "One gateway that speaks four legacy live-streaming API dialects over one core.",
        subcommands: [ServeCommand.self, RoutesCommand.self, ReplayCommand.self, RecordCommand.self, AdminCommand.self],
        defaultSubcommand: ServeCommand.self)
}
