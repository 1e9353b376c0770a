import Crypto
import Dispatch
import Foundation
import HummingbirdBcrypt
import Synchronization

/// A password as a dialect received it. Every verifier is made from the lowercase MD5 hex, so one
/// stored verifier serves clients that send plaintext and clients that send the MD5 themselves.
public enum PasswordInput: Sendable, Equatable {
    case plain(String)
    case md5Hex(String)

    /// shangtv clients send an MD5 hex; anything that is not 32 hex characters is plaintext.
    public static func md5OrPlain(_ value: String) -> PasswordInput {
        value.count == 32 && value.allSatisfy(\.isHexDigit) ? .md5Hex(value) : .plain(value)
    }

    public var md5Hex: String {
        switch self {
        case .plain(let text): return MD5Hex.of(text)
        case .md5Hex(let hex): return hex.lowercased()
        }
    }

    public var isEmpty: Bool {
        switch self {
        case .plain(let text), .md5Hex(let text): return text.isEmpty
        }
    }
}

public enum MD5Hex {
    public static func of(_ text: String) -> String {
        Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

public protocol PasswordHasher: Sendable {
    func makeVerifier(_ password: PasswordInput) async -> String
    func verify(_ password: PasswordInput, against verifier: String) async -> Bool
}

/// bcrypt over the MD5 hex. Hashing costs tens of milliseconds, so it runs off the event loops and
/// the cooperative pool, on a bounded set of threads: `width` serial queues (one core fewer than
/// the machine has, at least one), so a flood of logins queues behind itself and never takes every
/// core from the requests that do not hash.
public struct BcryptPasswordHasher: PasswordHasher {
    public let cost: UInt8
    private static let queues: [DispatchQueue] = (0..<max(1, ProcessInfo.processInfo.activeProcessorCount - 1)).map {
        DispatchQueue(label: "livegate.bcrypt.\($0)", qos: .userInitiated)
    }
    private static let next = Mutex(0)

    public init(cost: UInt8 = 10) {
        self.cost = cost
    }

    private static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        let queue = queues[next.withLock { index in
            defer { index = (index + 1) % queues.count }
            return index
        }]
        return await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    public func makeVerifier(_ password: PasswordInput) async -> String {
        let digest = password.md5Hex
        let cost = self.cost
        return await Self.run { Bcrypt.hash(digest, cost: cost) }
    }

    public func verify(_ password: PasswordInput, against verifier: String) async -> Bool {
        let digest = password.md5Hex
        return await Self.run { Bcrypt.verify(digest, hash: verifier) }
    }
}
