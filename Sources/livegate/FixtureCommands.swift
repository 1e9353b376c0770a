import ArgumentParser

struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Record traffic through a proxy as fixtures.")
    func run() async throws { throw ValidationError("not yet") }
}
