/// The words the command grammar accepts, for completion: read from the same parsers that run
/// the commands, so completing never offers something the parser would reject.
public enum CommandVocabulary {
    /// Everything a line may start with.
    public static var firstWords: [String] { Kubectl.verbs + ["sleep", "sim", "kubectl"] }

    /// Resource words (plural, singular and short names).
    public static var resourceWords: [String] { ResourceType.allCases.flatMap { $0.aliases.filter { !$0.contains(".") } } }

    public static var simulatorVerbs: [String] { SimulatorCommand.verbs }

    /// `--long` flags (and `-x` short ones) of a kubectl verb.
    public static func flags(for verb: String) -> [String] {
        let parser: FlagParser? = switch verb {
        case "get": GetCommand.parser
        case "describe": DescribeCommand.parser
        case "delete": DeleteCommand.parser
        case "scale": ScaleCommand.parser
        case "label": LabelCommand.parser
        case "annotate": AnnotateCommand.parser
        case "events": EventsCommand.parser
        case "drain": DrainCommand.parser
        case "create": CreateCommand.deploymentParser
        case "expose": ExposeCommand.parser
        case "port-forward": PortForwardCommand.parser
        default: nil
        }
        guard let parser else { return [] }
        return parser.flags.flatMap { flag in ["--\(flag.long)"] + (flag.short.map { ["-\($0)"] } ?? []) }
    }

    /// Verbs whose next word is a resource type; the others take node names (cordon, uncordon, drain).
    public static func takesResource(_ verb: String) -> Bool {
        ["get", "describe", "delete", "scale", "label", "annotate"].contains(verb)
    }

    /// The words after a verb that has subcommands (`set image`, `rollout status`).
    public static func subcommands(of verb: String) -> [String]? {
        switch verb {
        case "set": SetCommand.subcommands
        case "rollout": RolloutCommand.subcommands
        default: nil
        }
    }

    public static func takesNode(_ verb: String) -> Bool { ["cordon", "uncordon", "drain"].contains(verb) }

    public static func resource(named word: String) -> ResourceType? { ResourceType.named(word) }
}
