import Foundation

/// Human and machine reports of a replay.
public enum Report {
    public struct Totals: Sendable, Equatable {
        public var passed = 0
        public var failed = 0
        public var skipped = 0

        public init(passed: Int = 0, failed: Int = 0, skipped: Int = 0) {
            self.passed = passed
            self.failed = failed
            self.skipped = skipped
        }
    }

    public static func totals(_ outcomes: [FileOutcome]) -> Totals {
        var totals = Totals()
        for step in outcomes.flatMap(\.steps) {
            switch step.status {
            case .passed: totals.passed += 1
            case .failed: totals.failed += 1
            case .skipped: totals.skipped += 1
            }
        }
        return totals
    }

    /// One line per file as it finishes.
    public static func progressLine(_ outcome: FileOutcome, done: Int, of total: Int) -> String {
        let width = String(total).count
        let counter = String(repeating: " ", count: width - String(done).count) + "\(done)/\(total)"
        let mark = outcome.failed ? "FAIL" : "ok  "
        return "[\(counter)] \(mark) \(outcome.file) (\(outcome.steps.count) steps, \(String(format: "%.2f", outcome.seconds))s)"
    }

    /// Every failing step: file, step, request, and the differences by JSON path.
    public static func failures(_ outcomes: [FileOutcome]) -> String {
        var text = ""
        for outcome in outcomes {
            for step in outcome.steps where step.status == .failed {
                text += "\nFAIL \(outcome.file), step \(step.index) \"\(step.name)\"\n\(step.report)"
            }
        }
        return text
    }

    /// The closing line CI reads: `N passed, N failed` (`, N skipped` when any were).
    public static func summary(_ totals: Totals) -> String {
        "\(totals.passed) passed, \(totals.failed) failed" + (totals.skipped > 0 ? ", \(totals.skipped) skipped" : "")
    }

    public static func junit(_ outcomes: [FileOutcome]) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let totals = totals(outcomes)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"livegate replay\" tests=\"\(totals.passed + totals.failed + totals.skipped)\" failures=\"\(totals.failed)\" skipped=\"\(totals.skipped)\">\n"
        for outcome in outcomes {
            let failures = outcome.steps.filter { $0.status == .failed }.count
            let skipped = outcome.steps.filter { $0.status == .skipped }.count
            xml += "  <testsuite name=\"\(escape(outcome.file))\" tests=\"\(outcome.steps.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\" time=\"\(String(format: "%.3f", outcome.seconds))\">\n"
            for step in outcome.steps {
                xml += "    <testcase classname=\"\(escape(outcome.file))\" name=\"\(step.index). \(escape(step.name))\" time=\"\(String(format: "%.3f", step.seconds))\""
                switch step.status {
                case .passed: xml += "/>\n"
                case .skipped: xml += "><skipped/></testcase>\n"
                case .failed:
                    let first = step.report.split(separator: "\n").first { $0.contains("✗") }.map(String.init) ?? "failed"
                    xml += "><failure message=\"\(escape(first.trimmingCharacters(in: .whitespaces)))\">\(escape(step.report))</failure></testcase>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }
}
