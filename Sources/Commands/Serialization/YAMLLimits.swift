import CYaml
import Yams

/// Why a YAML document was refused before it could use up memory or time.
public enum YAMLLimitError: Error, Equatable, CustomStringConvertible {
    /// Larger than the API server would accept in one request.
    case tooLarge(bytes: Int)
    /// Aliases expand to far more nodes than the document holds (a "billion laughs").
    case excessiveAliasing
    /// An alias of a collection used as a mapping key: no Kubernetes object has such keys, and
    /// comparing such keys costs as much as expanding them.
    case collectionKey(line: Int, alias: String)

    public var description: String {
        switch self {
        case .tooLarge: "Request entity too large: limit is \(YAMLLimits.maxDocumentBytes)"
        case .excessiveAliasing: "document contains excessive aliasing"
        case let .collectionKey(line, alias): "line \(line): invalid map key: *\(alias) is a mapping or a list"
        }
    }
}

/// Every YAML the simulator reads (manifests, scenarios, themes) is composed through here, with
/// Kubernetes' own limits:
/// - a document may be at most 3 MiB, the API server's request body limit (a larger object
///   could never be created, and kubectl would get 413 Request Entity Too Large);
/// - aliases may not expand the document beyond what sigs.k8s.io/yaml's go-yaml allows: past
///   1,000 nodes, at most 99 % of the nodes may come from aliases, falling to 10 % at 4,000,000
///   nodes ("document contains excessive aliasing"), and never more than 2,000,000 nodes in all
///   (more than any 3 MiB document holds without aliases).
/// Yams shares an aliased node instead of copying it, so composing a bomb is cheap; walking it
/// is what explodes, and the walk below stops as soon as the ratio is exceeded.
public enum YAMLLimits {
    public static let maxDocumentBytes = 3 * 1024 * 1024
    static let maxNodes = 2_000_000

    /// One document's root node (nil for an empty document). Throws YamlError for broken YAML
    /// and YAMLLimitError for a document over the limits.
    public static func compose(_ yaml: String) throws -> Yams.Node? {
        let bytes = yaml.utf8.count
        if bytes > maxDocumentBytes { throw YAMLLimitError.tooLarge(bytes: bytes) }
        if let key = collectionAliasKey(in: yaml) { throw key }
        // The parser owns the anchors (nodes hold them weakly), so it lives until the walk is done.
        let parser = try Yams.Parser(yaml: yaml)
        return try withExtendedLifetime(parser) {
            guard let root = try parser.singleRoot() else { return nil }
            var counter = AliasCounter()
            try counter.visit(root, expandingAlias: false)
            return root
        }
    }

    /// go-yaml's allowedAliasRatio.
    static func allowedAliasRatio(_ decoded: Int) -> Double {
        if decoded <= 400_000 { return 0.99 }
        if decoded >= 4_000_000 { return 0.10 }
        return 0.99 - 0.89 * Double(decoded - 400_000) / 3_600_000
    }

    /// Counts nodes as a decoder would meet them, an alias's target once per use.
    struct AliasCounter {
        var decoded = 0
        var aliased = 0
        var anchorsSeen: Set<ObjectIdentifier> = []

        mutating func visit(_ node: Yams.Node, expandingAlias: Bool) throws {
            var inAlias = expandingAlias
            // The first time a node with an anchor is met is its definition; every later time it is
            // reached through an alias.
            if let anchor = node.anchor, !anchorsSeen.insert(ObjectIdentifier(anchor)).inserted { inAlias = true }
            decoded += 1
            if inAlias { aliased += 1 }
            if decoded > YAMLLimits.maxNodes
                || aliased > 100 && decoded > 1000 && Double(aliased) / Double(decoded) > YAMLLimits.allowedAliasRatio(decoded) {
                throw YAMLLimitError.excessiveAliasing
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    try visit(key, expandingAlias: inAlias)
                    try visit(value, expandingAlias: inAlias)
                }
            case .sequence(let sequence):
                for item in sequence { try visit(item, expandingAlias: inAlias) }
            case .scalar, .alias:
                break
            }
        }
    }

    /// Yams checks a mapping for duplicate keys by hashing them, and hashing an alias of a
    /// collection walks the whole expansion: a bomb in key position would hang inside Yams, before
    /// the walk above could count it. Such keys (an alias of a mapping or a list used as a key,
    /// or anywhere inside a key) are refused first, found in libyaml's events — the parser Yams
    /// wraps — which cost little and see the document exactly as Yams will (a reading of the text
    /// missed keys that libyaml makes up, such as `[*bomb junk: x]`).
    static func collectionAliasKey(in yaml: String) -> YAMLLimitError? {
        // Bytes, not String.contains(String), which goes through Foundation's search (a tenth
        // of parsing a scenario).
        guard yaml.utf8.contains(UInt8(ascii: "*")), yaml.utf8.contains(UInt8(ascii: "&")) else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(yaml.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> YAMLLimitError? in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var keys = KeyTracker()
            while true {
                var event = yaml_event_t()
                // A syntax error is Yams' to report, in its words.
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    keys.anchor(event.data.scalar.anchor, isCollection: false)
                    keys.nodeEnded()
                case YAML_ALIAS_EVENT:
                    let name = String(cString: event.data.alias.anchor)
                    if keys.collectionAnchors.contains(name) && keys.atKey {
                        return .collectionKey(line: Int(event.start_mark.line) + 1, alias: name)
                    }
                    keys.nodeEnded()
                case YAML_SEQUENCE_START_EVENT:
                    keys.anchor(event.data.sequence_start.anchor, isCollection: true)
                    keys.collectionStarted(isMapping: false)
                case YAML_MAPPING_START_EVENT:
                    keys.anchor(event.data.mapping_start.anchor, isCollection: true)
                    keys.collectionStarted(isMapping: true)
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    keys.collectionEnded()
                default:
                    break
                }
            }
        }
    }

    /// Where the event stream stands: which anchors name collections, and whether the next node
    /// is a mapping's key or lies inside one.
    private struct KeyTracker {
        struct Level {
            var isMapping: Bool
            var expectsKey: Bool
            var insideKey: Bool
        }

        var collectionAnchors: Set<String> = []
        var levels: [Level] = []

        /// The next node is a key, or part of one.
        var atKey: Bool {
            guard let level = levels.last else { return false }
            return level.insideKey || (level.isMapping && level.expectsKey)
        }

        mutating func anchor(_ name: UnsafeMutablePointer<yaml_char_t>?, isCollection: Bool) {
            guard let name else { return }
            // A later anchor of the same name replaces the earlier one.
            if isCollection { collectionAnchors.insert(String(cString: name)) } else { collectionAnchors.remove(String(cString: name)) }
        }

        mutating func collectionStarted(isMapping: Bool) {
            levels.append(Level(isMapping: isMapping, expectsKey: true, insideKey: atKey))
        }

        mutating func collectionEnded() {
            _ = levels.popLast()
            nodeEnded()
        }

        /// A mapping alternates keys and values.
        mutating func nodeEnded() {
            guard let last = levels.indices.last, levels[last].isMapping else { return }
            levels[last].expectsKey.toggle()
        }
    }
}
