import Foundation
import LiveJSON

/// Turns recorded exchanges into a fixture that replays against another server without hand
/// editing: values that vary between servers or runs become captures, matchers and variables.
///
/// - 32-hex strings in responses (tokens, session ids) are captured and substituted wherever later
///   requests or responses carry them.
/// - Integer or digit-string values under id-like keys (`id`, `pk`, `uid`, `…Id`, `…_id`, `roomid`)
///   are captured with their type and substituted into later requests under id-like keys.
/// - Timestamps (ISO 8601 strings; Unix seconds under time-like keys) match by type only, and so
///   do strings the server made up (not sent by the client, carrying a random-looking run of hex
///   or digits: generated nicknames, stream keys, URLs built on them).
/// - Identities the client chose (account, username, nickname, email under those keys; 11-digit
///   phones) get the per-run suffix or a per-run phone, so a second replay does not collide.
/// - A 4-digit code sent back under `authCode`, `code`, `captcha` or `code_v` after a phone was
///   used becomes an `sms` step reading the code the target actually sent.
public struct FixtureWriter {
    public var dialect: String
    public var description: String

    public init(dialect: String, description: String) {
        self.dialect = dialect
        self.description = description
    }

    private struct State {
        var replacements: [(literal: String, variable: String)] = []
        var idValues: [JSONValue: String] = [:]
        var counters: [String: Int] = [:]
        var phones = 0
        var lastPhoneVariable: String?
        /// Every string the client sent: a response string among them was not made up by the server.
        var sent: Set<String> = []

        mutating func next(_ prefix: String) -> String {
            counters[prefix, default: 0] += 1
            return "\(prefix)\(counters[prefix]!)"
        }
    }

    static let identityKeys: Set<String> = ["account", "username", "nickname", "nick_name", "nickName", "email", "name"]
    static let phoneKeys: Set<String> = ["phone", "mobile", "tel", "userId", "userid", "cash_tel"]
    static let codeKeys: Set<String> = ["authCode", "authcode", "code", "captcha", "code_v"]

    static func isIDKey(_ key: String) -> Bool {
        let lower = key.lowercased()
        return lower == "id" || lower == "pk" || lower == "uid" || lower == "oid" || lower == "rid" || lower == "roomid"
            || lower == "room_id" || key.hasSuffix("Id") || key.hasSuffix("ID") || lower.hasSuffix("_id") || lower == "liveid"
    }

    static func isTimeKey(_ key: String) -> Bool {
        let lower = key.lowercased()
        return lower.contains("time") || lower.hasSuffix("at") || lower.contains("date") || lower == "expire"
    }

    static func looksLikeTimestamp(_ text: String) -> Bool {
        (try? Regex(#"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}.*"#).wholeMatch(in: text)) != nil
    }

    /// A run of 6+ hex characters mixing letters and digits, or of 8+ digits: what random ids,
    /// keys and generated names look like, and what words written by people rarely do.
    static func looksGenerated(_ text: String) -> Bool {
        var run = "", longest = false
        for character in text + " " {
            if character.isHexDigit, character.isASCII {
                run.append(character)
                continue
            }
            let digits = run.filter(\.isNumber).count
            if (run.count >= 6 && digits > 0 && digits < run.count) || digits >= 8 { longest = true }
            run = ""
        }
        return longest
    }

    public func fixture(from exchanges: [RecordedExchange]) -> JSONValue {
        var state = State()
        var steps: [JSONValue] = []
        for (index, exchange) in exchanges.enumerated() {
            var request = requestObject(exchange, state: &state)
            if let smsStep = smsStep(for: &request, state: &state) { steps.append(smsStep) }
            let response = responseObject(exchange, state: &state)
            steps.append(.object([
                "name": .string("\(index + 1). \(exchange.method) \(exchange.target.split(separator: "?").first.map(String.init) ?? exchange.target)"),
                "request": .object(request),
                "response": .object(response),
            ]))
        }
        return .object([
            "dialect": .string(dialect),
            "description": .string(description),
            "exchanges": .array(steps),
        ])
    }

    // MARK: Requests

    private func requestObject(_ exchange: RecordedExchange, state: inout State) -> JSONObject {
        let parts = exchange.target.split(separator: "?", maxSplits: 1).map(String.init)
        var request: JSONObject = ["method": .string(exchange.method), "path": .string(substitute(parts[0], state))]
        if parts.count > 1 {
            var query = JSONObject()
            for (key, value) in FormCoding.decode(parts[1]) { query[key] = requestValue(key, .string(value), &state) }
            request["query"] = .object(query)
        }
        var headers = JSONObject()
        for (name, value) in exchange.requestHeaders where ["authorization", "x-livegate-admin-key"].contains(name.lowercased()) {
            headers[name] = .string(substitute(value, state))
        }
        let contentType = exchange.header("content-type", in: exchange.requestHeaders) ?? ""
        if !exchange.requestBody.isEmpty {
            if let json = try? JSONValue.parse(exchange.requestBody) {
                request["json"] = requestValue(nil, json, &state)
                if !contentType.lowercased().contains("json") { headers["Content-Type"] = .string(contentType) }
            } else if contentType.lowercased().hasPrefix("application/x-www-form-urlencoded"),
                      let text = String(validating: exchange.requestBody, as: UTF8.self) {
                var form = JSONObject()
                for (key, value) in FormCoding.decode(text) { form[key] = requestValue(key, .string(value), &state) }
                request["form"] = .object(form)
            } else {
                request["base64"] = .string(Data(exchange.requestBody).base64EncodedString())
                if !contentType.isEmpty { headers["Content-Type"] = .string(contentType) }
            }
        }
        if !headers.isEmpty { request["headers"] = .object(headers) }
        return request
    }

    /// A request value with earlier captures and this run's identities substituted.
    private func requestValue(_ key: String?, _ value: JSONValue, _ state: inout State) -> JSONValue {
        switch value {
        case .object(let object):
            var result = JSONObject()
            for (k, v) in object { result[k] = requestValue(k, v, &state) }
            return .object(result)
        case .array(let items):
            return .array(items.map { requestValue(key, $0, &state) })
        case .int:
            if let key, Self.isIDKey(key), let variable = state.idValues[value] { return .string("{{\(variable)}}") }
            return value
        case .string(let text):
            state.sent.insert(text)
            if let key, Self.isIDKey(key), let variable = state.idValues[value] { return .string("{{\(variable)}}") }
            if let key {
                introduceIdentity(key, text, &state)
            }
            return .string(substitute(text, state))
        default:
            return value
        }
    }

    /// The first time the client names an account or a phone, it becomes unique to the run.
    private func introduceIdentity(_ key: String, _ text: String, _ state: inout State) {
        guard !text.isEmpty, !state.replacements.contains(where: { $0.literal == text }) else { return }
        if text.count == 11, text.first == "1", text.allSatisfy(\.isNumber), state.phones < 9 {
            state.phones += 1
            state.replacements.append((text, "{{phone\(state.phones)}}"))
            state.lastPhoneVariable = "phone\(state.phones)"
        } else if Self.identityKeys.contains(key), text.count >= 3, text.count <= 40 {
            if let at = text.firstIndex(of: "@") {
                state.replacements.append((text, text[..<at] + "{{run}}" + text[at...]))
            } else {
                state.replacements.append((text, text + "{{run}}"))
            }
        }
    }

    private func substitute(_ text: String, _ state: State) -> String {
        var out = text
        // Longest literals first, so a token is not half-replaced by a shorter value inside it.
        for (literal, variable) in state.replacements.sorted(by: { $0.literal.count > $1.literal.count }) where out.contains(literal) {
            out = out.replacingOccurrences(of: literal, with: variable)
        }
        return out
    }

    /// A code the client sends back after a phone was used is read from the target's SMS outbox.
    private func smsStep(for request: inout JSONObject, state: inout State) -> JSONValue? {
        guard let phone = state.lastPhoneVariable else { return nil }
        for bodyKey in ["json", "form", "query"] {
            guard var body = request[bodyKey]?.objectValue else { continue }
            for key in Self.codeKeys {
                guard case .string(let code)? = body[key], code.count == 4, code.allSatisfy(\.isNumber) else { continue }
                let variable = state.next("code")
                body[key] = .string("{{\(variable)}}")
                request[bodyKey] = .object(body)
                return .object(["name": .string("read the SMS code sent to {{\(phone)}}"),
                                "sms": .object(["phone": .string("{{\(phone)}}"), "capture": .string(variable)])])
            }
        }
        return nil
    }

    // MARK: Responses

    private func responseObject(_ exchange: RecordedExchange, state: inout State) -> JSONObject {
        var response: JSONObject = ["status": .int(exchange.status)]
        if let type = exchange.header("content-type", in: exchange.responseHeaders) {
            response["headers"] = .object(["Content-Type": .string(type)])
        }
        if exchange.responseBody.isEmpty {
            response["empty"] = true
        } else if let json = try? JSONValue.parse(exchange.responseBody) {
            response["json"] = responseValue(nil, json, &state)
        } else if let text = String(validating: exchange.responseBody, as: UTF8.self) {
            response["text"] = .string(text)
        } else {
            response["base64"] = .string(Data(exchange.responseBody).base64EncodedString())
        }
        return response
    }

    private func responseValue(_ key: String?, _ value: JSONValue, _ state: inout State) -> JSONValue {
        switch value {
        case .object(let object):
            var result = JSONObject()
            for (k, v) in object { result[k] = responseValue(k, v, &state) }
            return .object(result)
        case .array(let items):
            return .array(items.map { responseValue(key, $0, &state) })
        case .int(let number):
            if let key, Self.isIDKey(key), number != 0 {
                if let known = state.idValues[value] { return .string("{{\(known)}}") }
                let variable = state.next("id")
                state.idValues[value] = variable
                state.idValues[.string(String(number))] = variable
                return .string("$capture \(variable) $int")
            }
            if let key, Self.isTimeKey(key), number > 1_000_000_000 { return "$int" }
            return value
        case .string(let text):
            if text.hasPrefix("$") { return .string("$" + text) }
            if text.count == 32, text.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
                if let known = state.replacements.first(where: { $0.literal == text }) { return .string(known.variable) }
                let variable = state.next("token")
                state.replacements.append((text, "{{\(variable)}}"))
                return .string("$capture \(variable) $hex32")
            }
            if let key, Self.isIDKey(key), !text.isEmpty, text.allSatisfy(\.isNumber), text != "0" {
                if let known = state.idValues[value] { return .string("{{\(known)}}") }
                let variable = state.next("id")
                state.idValues[value] = variable
                if let number = Int64(text) { state.idValues[.int(number)] = variable }
                return .string("$capture \(variable) $string")
            }
            if Self.looksLikeTimestamp(text) { return "$string" }
            if !state.sent.contains(text), Self.looksGenerated(text) { return "$string" }
            if let parsed = try? JSONValue.parse(text), case .object = parsed {
                return .object(["$json": responseValue(key, parsed, &state)])
            }
            return .string(substitute(text, state))
        default:
            return value
        }
    }
}
