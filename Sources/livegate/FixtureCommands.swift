import ArgumentParser

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Replay fixture files against a gateway.")
    func run() async throws { throw ValidationError("not yet") }
}

struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Record traffic through a proxy as fixtures.")
    func run() async throws { throw ValidationError("not yet") }
}
