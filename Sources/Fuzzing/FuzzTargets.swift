/// Every target `kubesim fuzz` knows, in the order `--list` shows them. Each is made fresh
/// for a run.
public enum FuzzTargets {
    public static let makers: [(name: String, make: @Sendable () -> any FuzzTarget)] = [
        ("line", { CommandLineFuzzTarget() }),
        ("manifest-yaml", { ManifestYAMLFuzzTarget() }),
        ("manifest-json", { ManifestJSONFuzzTarget() }),
        ("theme", { ThemeFuzzTarget() }),
        ("scenario", { ScenarioFuzzTarget() }),
        ("history", { HistoryFuzzTarget() }),
        ("keys", { KeysFuzzTarget() }),
        ("api", { APIRequestFuzzTarget() }),
        ("protobuf", { ProtobufBodyFuzzTarget() }),
        ("http-raw", { RawHTTPFuzzTarget() }),
    ]

    public static var names: [String] { makers.map(\.name) }

    public static func make(_ name: String) -> (any FuzzTarget)? { makers.first { $0.name == name }?.make() }
}
