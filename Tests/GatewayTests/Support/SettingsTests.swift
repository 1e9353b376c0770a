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
        #expect(values["port"] == "9300")
        #expect(values["bcrypt_cost"] == "12")
        #expect(values["stream_hub"] == "filehub")
        #expect(values["code_lifetime"] == "120")
        #expect(values["max_body_bytes"] == "8388608")
        #expect(values["qplus_session_ttl"] == "3600", "dialects' settings are in the catalog too")
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
