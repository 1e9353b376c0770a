import Hummingbird

// `floor PORT`: GET /hello answers {"status":"ok"} — the size and shape of the gateway's health.
let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 18490
let router = Router()
router.get("/hello") { _, _ -> Response in
    Response(status: .ok, headers: [.contentType: "application/json"],
             body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
