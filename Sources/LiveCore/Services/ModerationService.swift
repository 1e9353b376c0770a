public import Foundation

/// What administrators act on: bans, reports, real-name data, and the operator's switches and
/// notice (values the operator sets at run time, kept in the store).
public struct ModerationService: Sendable {
    let environment: CoreEnvironment

    /// Longest temporary ban one change may add: a hundred years.
    public static let maxBan: TimeInterval = 100 * 365 * 86_400

    /// Bans, unbans or lengthens a ban. The user's sessions stay; every authenticated call refuses
    /// them while the ban is in force, from the next one on.
    @discardableResult
    public func setBan(userID: Int64, _ change: BanChange) async throws -> User {
        let now = environment.clock.now()
        if case .extend(let seconds) = change, !(seconds > 0 && seconds <= Self.maxBan) {
            throw CoreError.invalid(.banDuration)
        }
        return try await environment.store.write { db in
            guard var user = try db.user(id: userID) else { throw CoreError(.userNotFound) }
            switch change {
            case .lift:
                user.flags.ban = nil
            case .permanent:
                user.flags.ban = .permanent
            case .extend(let seconds):
                var start = now
                if case .until(let end)? = user.flags.ban, end > now { start = end }
                user.flags.ban = .until(start.addingTimeInterval(seconds))
            }
            try db.updateUser(user)
            return user
        }
    }

    // MARK: Reports

    /// Longest report description, in characters.
    public static let maxReport = 500

    /// Files `reporterID`'s report about `targetID` for administrators; a banned reporter is refused.
    @discardableResult
    public func report(from reporterID: Int64, about targetID: Int64, _ description: String,
                       authenticated: Bool) async throws -> AbuseReport {
        guard reporterID != targetID else { throw CoreError.invalid(.reportTarget) }
        let description = try Validate.text(description, field: .reportDescription, max: Self.maxReport)
        let now = environment.clock.now()
        return try await environment.store.write { db in
            guard let reporter = try db.user(id: reporterID), try db.user(id: targetID) != nil else { throw CoreError(.userNotFound) }
            try AccountService.checkNotBanned(reporter, at: now)
            return try db.insertReport(reporterID: reporterID, targetID: targetID, description: description,
                                       authenticated: authenticated, at: now)
        }
    }

    /// A page of reports, the newest first.
    public func reports(offset: Int, limit: Int) async throws -> [AbuseReport] {
        let (offset, limit) = Paging.bounded(offset, limit)
        return try await environment.store.read { try $0.reports(offset: offset, limit: limit) }
    }

    // MARK: Real names

    /// What a user submits to prove their identity.
    public struct RealNameSubmission: Sendable {
        public var name: String
        public var sex: Sex
        public var birthday: String
        public var identification: String
        public var school: String
        public var document: RealNameRecord.Document

        public init(name: String, sex: Sex, birthday: String, identification: String, school: String,
                    document: RealNameRecord.Document) {
            self.name = name
            self.sex = sex
            self.birthday = birthday
            self.identification = identification
            self.school = school
            self.document = document
        }
    }

    /// Stores the user's real-name data (replacing an earlier submission) and marks them verified.
    /// No review step exists: the data is kept for the operator and never shown by any dialect.
    @discardableResult
    public func submitRealName(userID: Int64, _ s: RealNameSubmission) async throws -> User {
        let name = try Validate.text(s.name.trimmingCharacters(in: .whitespaces), field: .realName, max: 64)
        guard !name.isEmpty else { throw CoreError.invalid(.realName) }
        let identification = s.identification.trimmingCharacters(in: .whitespaces)
        guard !identification.isEmpty, identification.count <= 64,
              identification.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else { throw CoreError.invalid(.identification) }
        let birthday = try Validate.text(s.birthday, field: .birthday, max: 32)
        let school = try Validate.text(s.school, field: .school, max: 64)
        let now = environment.clock.now()
        return try await environment.store.write { db in
            guard var user = try db.user(id: userID) else { throw CoreError(.userNotFound) }
            try db.setRealName(RealNameRecord(userID: userID, name: name, sex: s.sex, birthday: birthday,
                                              identification: identification, school: school, document: s.document,
                                              submittedAt: now))
            user.flags.realNameState = .verified
            try db.updateUser(user)
            return user
        }
    }

    // MARK: Operator switches and notice

    /// An operator switch (off until set).
    public func isOn(_ name: String) async throws -> Bool {
        try await environment.store.read { try $0.operatorValue("switch." + name) } == "1"
    }

    public func setSwitch(_ name: String, _ on: Bool) async throws {
        let now = environment.clock.now()
        try await environment.store.write { try $0.setOperatorValue("switch." + name, on ? "1" : "0", at: now) }
    }

    /// The system notice shown to users; empty when none.
    public func notice() async throws -> String {
        try await environment.store.read { try $0.operatorValue(OperatorKey.notice.rawValue) } ?? ""
    }

    /// Sets the system notice; empty clears it.
    public func setNotice(_ text: String) async throws {
        let text = try Validate.text(text, field: .notice, max: 1000)
        let now = environment.clock.now()
        try await environment.store.write { try $0.setOperatorValue(OperatorKey.notice.rawValue, text.isEmpty ? nil : text, at: now) }
    }
}

/// Things a user may do once per calendar day (a check-in, a daily reward).
public struct DailyService: Sendable {
    let environment: CoreEnvironment

    /// Records `activity` for `userID` today, the day as the clock reads in `timeZone`;
    /// `alreadyDone` when it was recorded today already.
    public func record(userID: Int64, activity: String, timeZone: TimeZone) async throws {
        let now = environment.clock.now()
        let day = Self.day(now, in: timeZone)
        let inserted = try await environment.store.write { db in
            guard try db.user(id: userID) != nil else { throw CoreError(.userNotFound) }
            return try db.insertDailyRecord(userID: userID, activity: activity, day: day, at: now)
        }
        guard inserted else { throw CoreError(.alreadyDone) }
    }

    /// Whether `activity` was recorded for `userID` today.
    public func isRecorded(userID: Int64, activity: String, timeZone: TimeZone) async throws -> Bool {
        let day = Self.day(environment.clock.now(), in: timeZone)
        return try await environment.store.read { try $0.hasDailyRecord(userID: userID, activity: activity, day: day) }
    }

    /// `yyyy-MM-dd` of `date` in `timeZone`.
    public static func day(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}

/// Keys of the operator's stored values; the stored key is the case's name.
enum OperatorKey: String {
    case notice
}
