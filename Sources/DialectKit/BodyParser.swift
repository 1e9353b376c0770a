import LiveCore
import LiveJSON
import MultipartKit
import NIOCore

/// Reads parameters out of a request body, whatever its encoding. The Content-Type is a hint, not
/// a contract: legacy clients send JSON labelled as a form, or with no label at all.
enum BodyParser {
    /// `bytes` and `buffer` hold the same body: the text parsers read the array, the multipart
    /// parser the buffer, so the body is not copied again.
    static func parse(bytes: [UInt8], buffer body: ByteBuffer, contentType: String?, into parameters: inout Parameters) throws {
        guard !bytes.isEmpty else { return }
        let type = contentType?.lowercased() ?? ""
        if type.hasPrefix("multipart/form-data") {
            try multipart(body, boundary: boundary(of: contentType ?? ""), into: &parameters)
            return
        }
        let firstByte = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if type.contains("json") || firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[") {
            try json(bytes, into: &parameters)
        } else {
            try form(bytes, into: &parameters)
        }
    }

    static func json(_ bytes: [UInt8], into parameters: inout Parameters) throws {
        guard case .object(let object) = try? JSONValue.parse(bytes) else { throw CoreError.invalid("body") }
        for (key, value) in object { parameters.set(key, value) }
    }

    static func form(_ bytes: [UInt8], into parameters: inout Parameters) throws {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw CoreError.invalid("body") }
        for (key, value) in FormCoding.decode(text) { parameters.set(key, .string(value)) }
    }

    static func boundary(of contentType: String) throws -> String {
        for piece in contentType.split(separator: ";") {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2
                    ? String(pair[1].dropFirst().dropLast()) : pair[1]
                if !value.isEmpty, value.count <= 200 { return value }
            }
        }
        throw CoreError.invalid("body")
    }

    static func multipart(_ body: ByteBuffer, boundary: String, into parameters: inout Parameters) throws {
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [String: String], body: [UInt8])] = []
        var headers: [String: String] = [:]
        var current: [UInt8] = []
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { buffer in current.append(contentsOf: buffer.readableBytesView); buffer.moveReaderIndex(to: buffer.writerIndex) }
        parser.onPartComplete = {
            parts.append((headers, current))
            headers = [:]
            current = []
        }
        do {
            try parser.execute(body)
        } catch {
            throw CoreError.invalid("body")
        }
        guard !parts.isEmpty else { throw CoreError.invalid("body") }
        for part in parts {
            guard let disposition = part.headers["content-disposition"],
                  let name = dispositionParameter("name", in: disposition) else { continue }
            if let filename = dispositionParameter("filename", in: disposition) {
                parameters.set(file: name, UploadedFile(filename: filename, contentType: part.headers["content-type"],
                                                        bytes: part.body))
            } else {
                guard let text = String(validating: part.body, as: UTF8.self) else { throw CoreError.invalid(name) }
                parameters.set(name, .string(text))
            }
        }
    }

    static func dispositionParameter(_ key: String, in disposition: String) -> String? {
        for piece in disposition.split(separator: ";") {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == key {
                var value = pair[1]
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                return value
            }
        }
        return nil
    }
}

