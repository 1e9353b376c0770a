import Foundation
import HTTPTypes
import Hummingbird
import LiveJSON
import NIOCore
import Synchronization
import Testing
import FixtureKit

@Suite("SMS webhook")
struct WebhookSMSTests {
    @Test("with sms_sender=webhook each code is POSTed as JSON to the operator's URL")
    func webhook() async throws {
        let received = Mutex<[JSONValue]>([])
        let router = Router()
        router.post("/sms") { request, _ -> HTTPResponse.Status in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 16)
            if let json = try? JSONValue.parse(Array(body.readableBytesView)) { received.withLock { $0.append(json) } }
            return .noContent
        }
        let phone = uniquePhone()
        var carrier = 0
        try await withLocalServer(router) { port in
            carrier = port
            try await withGateway(["sms_sender": "webhook", "sms_webhook_url": "http://127.0.0.1:\(port)/sms"]) { gateway in
                let answer = try await gateway.post("/live/AuthCode", json: ["phone": .string(phone)])
                #expect(answer.json?["status"] == 10000)
            }
        }
        let messages = received.withLock { $0 }
        #expect(messages.count == 1)
        #expect(messages.first?["phone"]?.stringValue == phone)
        let code = try #require(messages.first?["code"]?.stringValue)
        #expect(code.count == 4 && code.allSatisfy(\.isNumber))
        #expect(messages.first?["text"]?.stringValue?.contains(code) == true)
        #expect(messages.first?["sent_at"]?.stringValue != nil)

        // A carrier that is down (the server above has stopped) is the dialect's server error, not a crash.
        try await withGateway(["sms_sender": "webhook", "sms_webhook_url": "http://127.0.0.1:\(carrier)/sms"]) { gateway in
            let answer = try await gateway.post("/live/AuthCode", json: ["phone": .string(uniquePhone())])
            #expect(answer.status == 200)
            #expect(answer.json?["status"] == 10001)
        }
    }
}
