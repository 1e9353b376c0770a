/// Tokens and codes from the system CSPRNG (`SystemRandomNumberGenerator` reads getrandom(2)).
public enum SecureRandom {
    public static func hex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var out = ""
        out.reserveCapacity(count * 2)
        for _ in 0..<count {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            out += hexDigits[Int(byte >> 4)]
            out += hexDigits[Int(byte & 0x0F)]
        }
        return out
    }

    /// A 32-character lowercase hex session token.
    public static func token() -> String { hex(bytes: 16) }

    /// A numeric code of `length` digits, leading zeros allowed.
    public static func digits(_ length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
    }

    private static let hexDigits = (0..<16).map { String($0, radix: 16) }
}
