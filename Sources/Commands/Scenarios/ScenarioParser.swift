import Cluster
import Yams

/// Reads a scenario file (YAML): a mapping with a one-line `description:` and `steps:`, a list
/// whose items are one-key mappings (`run:`, `caption:`, `sleep:`, `wait: {for:, timeout:}`) or
/// the bare word `pause`. Works on Yams' node tree rather than decoding, so every error names the
/// file, the step (1-based) and what was expected.
public enum ScenarioParser {
    static let stepKeywords = ["run", "caption", "sleep", "wait", "pause"]
    static let durationExpectation = "a duration like 10s or 2m"

    public static func parse(_ yaml: String, file: String) throws -> Scenario {
        let root: Yams.Node?
        do {
            root = try YAMLLimits.compose(yaml)
        } catch {
            throw ScenarioError("\(file): expected valid YAML, got \(syntaxProblem(error))")
        }
        guard let root, case .mapping(let top) = root else {
            throw ScenarioError("\(file): expected a mapping with description and steps, got \(found(root))")
        }
        var description: String?, steps: [ScenarioStep]?
        for (keyNode, value) in top {
            switch keyNode.string {
            case "description":
                guard let text = text(value) else {
                    throw ScenarioError("\(file): description: expected one line of text, got \(found(value))")
                }
                guard !text.contains(where: \.isNewline) else {
                    throw ScenarioError("\(file): description: expected one line of text, got several lines")
                }
                description = text
            case "steps":
                steps = try parseSteps(value, file: file)
            default:
                throw ScenarioError("\(file): expected one of description, steps, got \(found(keyNode))")
            }
        }
        guard let description else {
            throw ScenarioError("\(file): description: expected one line of text, got nothing")
        }
        guard let steps else { throw ScenarioError("\(file): steps: expected a list of steps, got nothing") }
        return Scenario(name: baseName(file), description: description, steps: steps)
    }

    /// `scenarios/self-healing.yaml` → `self-healing`.
    static func baseName(_ file: String) -> String {
        var name = file.split(separator: "/").last.map(String.init) ?? file
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
        }
        return name
    }

    // MARK: - Steps

    private static func parseSteps(_ node: Yams.Node, file: String) throws -> [ScenarioStep] {
        guard case .sequence(let items) = node else {
            throw ScenarioError("\(file): steps: expected a list of steps, got \(found(node))")
        }
        guard !items.isEmpty else { throw ScenarioError("\(file): steps: expected at least one step, got an empty list") }
        return try items.enumerated().map { index, item in
            try parseStep(item, place: "\(file): step \(index + 1)")
        }
    }

    private static func parseStep(_ node: Yams.Node, place: String) throws -> ScenarioStep {
        let expected = "expected one of \(stepKeywords.joined(separator: ", "))"
        switch node {
        case .scalar where node.string == "pause":
            return .pause
        case .mapping(let mapping):
            guard mapping.count == 1, let (keyNode, value) = mapping.first else {
                let keys = mapping.map { $0.key.string ?? "?" }.joined(separator: ", ")
                throw ScenarioError("\(place): \(expected) (one per step), got \(mapping.count) keys: \(keys)")
            }
            guard let keyword = keyNode.string, stepKeywords.contains(keyword) else {
                throw ScenarioError("\(place): \(expected), got \(found(keyNode))")
            }
            return try parseBody(keyword, value, place: "\(place): \(keyword)")
        default:
            throw ScenarioError("\(place): \(expected), got \(found(node))")
        }
    }

    private static func parseBody(_ keyword: String, _ value: Yams.Node, place: String) throws -> ScenarioStep {
        switch keyword {
        case "run":
            guard let line = text(value) else { throw ScenarioError("\(place): expected a command, got \(found(value))") }
            return .run(line)
        case "caption":
            guard let caption = text(value) else { throw ScenarioError("\(place): expected text, got \(found(value))") }
            return .caption(caption)
        case "sleep":
            return .sleep(try duration(value, place: place))
        case "wait":
            return try parseWait(value, place: place)
        default:
            guard value.null != nil else { throw ScenarioError("\(place): expected nothing, got \(found(value))") }
            return .pause
        }
    }

    private static func parseWait(_ node: Yams.Node, place: String) throws -> ScenarioStep {
        guard case .mapping(let mapping) = node else {
            throw ScenarioError("\(place): expected a mapping with for and timeout, got \(found(node))")
        }
        var condition: WaitCondition?, timeout: SimDuration?
        for (keyNode, value) in mapping {
            switch keyNode.string {
            case "for":
                guard let text = text(value) else {
                    throw ScenarioError("\(place): for: expected a condition, got \(found(value))")
                }
                do {
                    condition = try WaitCondition.parse(text)
                } catch let error as ScenarioError {
                    throw ScenarioError("\(place): \(error.description)")
                }
            case "timeout":
                timeout = try duration(value, place: "\(place): timeout")
            default:
                throw ScenarioError("\(place): expected one of for, timeout, got \(found(keyNode))")
            }
        }
        guard let condition else { throw ScenarioError("\(place): for: expected a condition, got nothing") }
        guard let timeout else { throw ScenarioError("\(place): timeout: expected \(durationExpectation), got nothing") }
        return .wait(condition: condition, timeout: timeout)
    }

    // MARK: - Values

    /// Non-empty text from a scalar (numbers and words alike), or nil.
    private static func text(_ node: Yams.Node) -> String? {
        guard case .scalar(let scalar) = node, node.null == nil else { return nil }
        let text = scalar.string.trimmingSpaces()
        return text.isEmpty ? nil : text
    }

    /// Go's duration syntax (`10s`, `2m`, `1h30m`), as kubectl's --timeout reads it.
    private static func duration(_ node: Yams.Node, place: String) throws -> SimDuration {
        guard let text = text(node), let duration = GoDuration.parse(text), duration >= .zero else {
            throw ScenarioError("\(place): expected \(durationExpectation), got \(found(node))")
        }
        // The headless shell's bound on one wait: longer would only look like a hang.
        guard duration <= Session.longestWait else {
            throw ScenarioError("\(place): expected a duration of at most \(GoDuration.format(Session.longestWait)), got \(found(node))")
        }
        return duration
    }

    /// How an error message shows a value: quoted text, or what kind of thing it was.
    private static func found(_ node: Yams.Node?) -> String {
        guard let node else { return "nothing" }
        switch node {
        case .scalar(let scalar): return node.null != nil ? "nothing" : String(reflecting: scalar.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private static func syntaxProblem(_ error: any Error) -> String {
        guard let yamlError = error as? YamlError else { return "\(error)" }
        switch yamlError {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return "\(problem) at line \(mark.line), column \(mark.column)"
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { String(reflecting: $0) }.joined(separator: ", ")
            return "the key \(keys) more than once at line \(context.mark.line)"
        case let .reader(problem, _, _, _):
            return problem
        default:
            return "\(yamlError)"
        }
    }
}
