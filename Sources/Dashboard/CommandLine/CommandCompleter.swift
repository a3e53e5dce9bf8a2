import Cluster
import Commands

/// Tab completion for the command line: verbs, resource kinds, flags and object names, the
/// way a shell completes kubectl.
public struct CommandCompleter {
    public let cluster: Cluster
    /// Where names of namespaced objects are looked up (the dashboard's shown namespace).
    public let namespace: String

    public init(cluster: Cluster, namespace: String = "default") {
        self.cluster = cluster
        self.namespace = namespace
    }

    public struct Completion: Equatable, Sendable {
        /// The line with the word under the cursor completed as far as it is unambiguous.
        public var text: String
        public var cursor: Int
        /// Every candidate for that word, when there is more than one.
        public var candidates: [String]
    }

    /// Completes the word that ends at `cursor` in `text`.
    public func complete(_ text: String, cursor: Int) -> Completion {
        let chars = Array(text)
        let before = String(chars[0..<min(cursor, chars.count)])
        let after = String(chars[min(cursor, chars.count)...])
        var words = before.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let partial = before.hasSuffix(" ") || before.isEmpty ? "" : (words.popLast() ?? "")
        let candidates = self.candidates(previous: words, partial: partial).filter { $0.hasPrefix(partial) }
        guard !candidates.isEmpty else { return Completion(text: text, cursor: cursor, candidates: []) }
        let prefix = Self.commonPrefix(candidates)
        // A unique, complete word gets a space after it (unless it ends in "/", awaiting a name).
        let finished = candidates.count == 1 && !prefix.hasSuffix("/")
        let completedWord = prefix + (finished && !after.hasPrefix(" ") ? " " : "")
        let head = String(before.dropLast(partial.count))
        let newBefore = head + completedWord
        return Completion(text: newBefore + after, cursor: newBefore.count, candidates: candidates.count > 1 ? candidates : [])
    }

    /// Candidates for the next word after `previous` (the words before it).
    func candidates(previous: [String], partial: String) -> [String] {
        var words = previous
        if words.first == "kubectl" { words.removeFirst() }
        // `set image …`, `rollout status …`: the subcommand, then a workload as for get.
        if let verb = words.first, let subcommands = CommandVocabulary.subcommands(of: verb) {
            guard words.count > 1 else { return partial.hasPrefix("-") ? [] : subcommands }
            return candidates(previous: ["get"] + words.dropFirst(2), partial: partial).filter { !$0.hasPrefix("-") }
        }
        guard let verb = words.first else {
            return previous.first == "kubectl" ? Kubectl.verbs : CommandVocabulary.firstWords
        }
        if partial.hasPrefix("-") { return CommandVocabulary.flags(for: verb) }
        let arguments = words.dropFirst().filter { !$0.hasPrefix("-") }
        switch verb {
        case "sim":
            if arguments.isEmpty { return CommandVocabulary.simulatorVerbs }
            switch arguments.first {
            case "add-node", "image": return []
            case "crash": return names(of: .pods).map { "pod/\($0)" }
            default: return nodeNames()
            }
        case "create":
            return arguments.isEmpty ? ["deployment", "namespace"] : []
        case _ where CommandVocabulary.takesNode(verb):
            return arguments.isEmpty ? nodeNames() : []
        case _ where CommandVocabulary.takesResource(verb):
            // TYPE/NAME in one word.
            if let slash = partial.firstIndex(of: "/"), let type = CommandVocabulary.resource(named: String(partial[..<slash])) {
                return names(of: type).map { "\(partial[...slash])\($0)" }
            }
            guard let typeWord = arguments.first else {
                return CommandVocabulary.resourceWords + ResourceType.allCases.map { "\($0.rawValue.dropLast())/" }
            }
            guard let type = CommandVocabulary.resource(named: typeWord) else { return [] }
            return names(of: type)
        default:
            return []
        }
    }

    private func nodeNames() -> [String] { names(of: .nodes) }

    private func names(of type: ResourceType) -> [String] { cluster.store.objects(kind: type.kind, namespace: namespace).map(\.name) }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
