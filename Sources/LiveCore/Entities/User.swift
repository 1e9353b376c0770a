public import Foundation

/// Canonical sex. Every dialect maps its own codes onto these three values.
public enum Sex: String, Sendable, Codable, CaseIterable {
    case unknown, male, female
}

/// A user account, shared by every dialect.
public struct User: Sendable, Equatable, Identifiable {
    public var id: Int64
    /// Unique login name. Phone-registered users get their phone number here.
    public var account: String
    public var phone: String?
    public var email: String?
    /// `bcrypt(md5hex(password))`; nil for accounts created by a third-party login only.
    public var passwordVerifier: String?
    public var nickname: String
    public var sex: Sex
    /// Stored picture (see `Media`) when the avatar was uploaded here.
    public var avatarMediaID: Int64?
    /// External avatar address (a third-party icon, a CDN key) when it was not uploaded here.
    public var avatarURL: String?
    public var signature: String
    public var location: String
    public var profile: Profile
    public var flags: Flags
    public var createdAt: Date

    /// Optional profile fields some dialects collect.
    public struct Profile: Sendable, Equatable {
        public var age: Int?
        public var country: String
        public var province: String
        public var city: String
        public var career: String
        public var school: String

        public init(age: Int? = nil, country: String = "", province: String = "", city: String = "",
                    career: String = "", school: String = "") {
            self.age = age
            self.country = country
            self.province = province
            self.city = city
            self.career = career
            self.school = school
        }
    }

    /// Account state that is not profile data.
    public struct Flags: Sendable, Equatable {
        public var isAdmin: Bool
        public var pushEnabled: Bool
        /// Set while an administrator's ban is in force.
        public var ban: Ban?
        public var realNameState: RealNameState

        public init(isAdmin: Bool = false, pushEnabled: Bool = false, ban: Ban? = nil,
                    realNameState: RealNameState = .none) {
            self.isAdmin = isAdmin
            self.pushEnabled = pushEnabled
            self.ban = ban
            self.realNameState = realNameState
        }
    }

    public init(id: Int64, account: String, phone: String? = nil, email: String? = nil,
                passwordVerifier: String? = nil, nickname: String, sex: Sex = .unknown,
                avatarMediaID: Int64? = nil, avatarURL: String? = nil, signature: String = "",
                location: String = "", profile: Profile = .init(), flags: Flags = .init(),
                createdAt: Date) {
        self.id = id
        self.account = account
        self.phone = phone
        self.email = email
        self.passwordVerifier = passwordVerifier
        self.nickname = nickname
        self.sex = sex
        self.avatarMediaID = avatarMediaID
        self.avatarURL = avatarURL
        self.signature = signature
        self.location = location
        self.profile = profile
        self.flags = flags
        self.createdAt = createdAt
    }
}

public enum RealNameState: Int, Sendable, Codable {
    case none = 0, pending = 1, verified = 2
}

/// An administrator's ban: permanent, or until a time.
public enum Ban: Sendable, Equatable {
    case permanent
    case until(Date)

    public func isActive(at now: Date) -> Bool {
        switch self {
        case .permanent: return true
        case .until(let end): return end > now
        }
    }
}
