import Commands

/// What each field manager last applied to each object (server-side apply), kept by the API
/// rather than in managedFields, so a later apply can tell which fields it stopped setting.
public final class AppliedConfigurations {
    private var configurations: [String: JSONValue] = [:]

    public init() {}

    func lastApplied(uid: String, manager: String) -> JSONValue? { configurations[uid + "\u{0}" + manager] }

    func record(_ configuration: JSONValue, uid: String, manager: String) {
        configurations[uid + "\u{0}" + manager] = configuration
    }
}
