import Foundation

/// RFC 3339 times as the legacy servers wrote them: a fixed UTC offset (or `Z`) and a fixed number
/// of fraction digits (Django writes microseconds, Pili milliseconds or nanoseconds).
public enum WireTime {
    public static func rfc3339(_ date: Date, utcOffset: Int = 0, fractionDigits: Int, zulu: Bool = false) -> String {
        // Whole microseconds first (the store keeps no finer), so that .799 does not print as .798999.
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var seconds = micros / 1_000_000
        var micro = micros % 1_000_000
        if micro < 0 {
            micro += 1_000_000
            seconds -= 1
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: utcOffset) ?? TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                            from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(Int64(parts.year ?? 0), 4))-\(pad(Int64(parts.month ?? 0), 2))-\(pad(Int64(parts.day ?? 0), 2))"
            + "T\(pad(Int64(parts.hour ?? 0), 2)):\(pad(Int64(parts.minute ?? 0), 2)):\(pad(Int64(parts.second ?? 0), 2))"
        let digits = max(0, min(9, fractionDigits))
        if digits > 0 {
            let scaled = digits <= 6 ? micro / Int64(pow(10, Double(6 - digits))) : micro * Int64(pow(10, Double(digits - 6)))
            text += "." + pad(scaled, digits)
        }
        if zulu, utcOffset == 0 { return text + "Z" }
        let magnitude = Int64(abs(utcOffset))
        return text + (utcOffset < 0 ? "-" : "+") + pad(magnitude / 3600, 2) + ":" + pad(magnitude % 3600 / 60, 2)
    }

    /// "+08:00", "-05:30", "Z" → seconds east of UTC; nil for anything else.
    public static func utcOffset(parsing text: String) -> Int? {
        if text == "Z" || text == "+00:00" || text == "-00:00" { return 0 }
        let chars = Array(text)
        guard chars.count == 6, chars[0] == "+" || chars[0] == "-", chars[3] == ":",
              let hours = Int(String(chars[1...2])), let minutes = Int(String(chars[4...5])),
              hours <= 14, minutes < 60 else { return nil }
        return (chars[0] == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}
