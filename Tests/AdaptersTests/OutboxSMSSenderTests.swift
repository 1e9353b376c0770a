import Foundation
import Adapters
import LiveCore
import Testing

@Suite("SMS outbox")
struct OutboxSMSSenderTests {
    /// The regression: appends read the file's size and wrote at that offset, and the actor let a
    /// second send in at the `await` between the two, so concurrent codes overwrote each other and
    /// a fixture found no code for its phone.
    @Test("Messages sent at the same moment each land whole, one line per message")
    func concurrentSendsKeepEveryLine() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sms/outbox.jsonl")
        let sender = OutboxSMSSender(file: file)
        let count = 200
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask {
                    let phone = "139" + String(format: "%08d", index)
                    try await sender.send(SMSMessage(phone: phone, code: String(format: "%04d", index % 10_000),
                                                     text: "code", sentAt: Date()))
                }
            }
            try await group.waitForAll()
        }
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == count)
        var phones = Set<String>()
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            phones.insert(try #require(object["phone"] as? String))
        }
        #expect(phones.count == count)
    }
}
