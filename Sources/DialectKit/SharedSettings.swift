/// Settings more than one dialect reads.
public enum SharedSetting {
    public static let adminKey = Setting<String>(
        "admin_key", default: "",
        "Operator key accepted as X-LiveGate-Admin-Key on administrator endpoints; empty disables it.")
}
