import DialectKit
import Foundation
import Gateway
import Testing

@Suite("Settings")
struct SettingsTests {
    @Test("a flag beats the environment, which beats the config file, which beats the default")
    func precedence() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("livegate-\(UUID().uuidString).conf")
        try """
            # a comment
            port = 9100
            bcrypt_cost = 11
            stream-hub = "filehub"   # dashes and quotes are fine
            code_lifetime = 120
            """.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let values = try SettingsCatalog.resolve(
            overrides: ["port": "9300"],
            environment: ["LIVEGATE_PORT": "9200", "LIVEGATE_BCRYPT_COST": "12"],
            configFile: file.path)
        #expect(values[GatewaySetting.port] == 9300)
        #expect(values[CoreSetting.bcryptCost] == 12)
        #expect(values[CoreSetting.streamHub] == "filehub")
        #expect(values[CoreSetting.codeLifetime] == 120)
        #expect(values[GatewaySetting.maxBodyBytes] == 8_388_608)
        #expect(values.values["qplus_session_ttl"] == "3600", "dialects' settings are resolved too")
        #expect(SettingsCatalog.all.contains { $0.name == "qplus_session_ttl" && $0.defaultText == "3600" },
                "a dialect's default is listed as it declared it")
    }

    @Test("a value the setting's type cannot read is refused with the setting's name, never silently replaced by the default")
    func malformedValues() throws {
        for (name, value) in [("port", "eighty"), ("bcrypt_cost", "1.5"), ("code_lifetime", "soon"), ("legacy_ports", "maybe"),
                              ("qplus_session_ttl", "inf")] {
            #expect {
                try SettingsCatalog.resolve(overrides: [name: value], environment: [:], configFile: nil)
            } throws: { error in
                (error as? GatewayError)?.description.contains("'\(name)'") == true
            }
        }
        #expect(throws: GatewayError.self) {
            try SettingsCatalog.resolve(overrides: [:], environment: ["LIVEGATE_PORT": "x"], configFile: nil)
        }
    }

    @Test("--set items are parsed once for serve and replay: names normalised, a bare word refused")
    func setItems() throws {
        let overrides = try SettingsCatalog.overrides(fromSetItems: ["Code-Lifetime=90", "stream_hub=a=b"])
        #expect(overrides == ["code_lifetime": "90", "stream_hub": "a=b"])
        #expect(throws: GatewayError.self) { try SettingsCatalog.overrides(fromSetItems: ["port"]) }
        #expect(throws: GatewayError.self) { try SettingsCatalog.overrides(fromSetItems: ["=1"]) }
        let values = try SettingsCatalog.resolve(overrides: overrides, environment: [:], configFile: nil)
        #expect(values[CoreSetting.codeLifetime] == 90)
    }

    @Test("the core's settings default to the core's own defaults")
    func coreDefaults() throws {
        let values = try SettingsCatalog.resolve(overrides: [:], environment: [:], configFile: nil)
        #expect(values[CoreSetting.codeMaxAttempts] == 5)
        #expect(values[CoreSetting.phoneVerifiedWindow] == 1800)
        #expect(SettingsCatalog.all.contains { $0.name == "code_lifetime" && $0.defaultText == "300" },
                "whole seconds are shown without a decimal point")
    }

    @Test("unknown names, unreadable files and bad lines are refused, not ignored")
    func refusals() throws {
        #expect(throws: GatewayError.self) { try SettingsCatalog.resolve(overrides: ["prot": "1"], environment: [:], configFile: nil) }
        #expect(throws: GatewayError.self) { try SettingsCatalog.resolve(overrides: [:], environment: [:], configFile: "/nonexistent/x.conf") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("livegate-\(UUID().uuidString).conf")
        try "just words".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: GatewayError.self) { try SettingsCatalog.resolve(overrides: [:], environment: [:], configFile: file.path) }
    }

    @Test("legacy listeners: every dialect's original ports by default, --listen replaces them, --no-legacy-ports turns them off")
    func listeners() throws {
        let defaults = try GatewayConfiguration(settings: try SettingsCatalog.resolve(overrides: [:], environment: [:], configFile: nil))
        #expect(defaults.legacyListeners["qplus"] == [11000])
        #expect(defaults.port == 8080)
        let listen = try GatewayConfiguration(settings: try SettingsCatalog.resolve(
            overrides: ["listen": "qplus=12000,qplus=12001"], environment: [:], configFile: nil))
        #expect(listen.legacyListeners == ["qplus": [12000, 12001]])
        let off = try GatewayConfiguration(settings: try SettingsCatalog.resolve(
            overrides: ["legacy_ports": "false"], environment: [:], configFile: nil))
        #expect(off.legacyListeners.isEmpty)
        #expect(throws: GatewayError.self) {
            try GatewayConfiguration(settings: try SettingsCatalog.resolve(overrides: ["listen": "nope=1"], environment: [:], configFile: nil))
        }
    }

    @Test("serve --help text lists every setting with its environment name")
    func helpText() {
        for spec in SettingsCatalog.all {
            #expect(SettingsCatalog.helpText.contains(spec.environmentName))
        }
    }
}
