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
    /// the walk above could count it. Such keys (`? *name` or `*name : value`, where `&name`
    /// anchors a mapping or a list) are refused first. Quoted text and comments are skipped.
    static func collectionAliasKey(in yaml: String) -> YAMLLimitError? {
        guard yaml.contains("*"), yaml.contains("&") else { return nil }
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { outsideQuotes(Substring($0)) }
        var collectionAnchors: Set<String> = []
        for line in lines {
            for (name, rest) in tokens(after: "&", in: line) {
                let next = rest.drop { $0 == " " || $0 == "\t" }
                if next.isEmpty || next.first == "[" || next.first == "{" { collectionAnchors.insert(name) }
            }
        }
        guard !collectionAnchors.isEmpty else { return nil }
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "-" }
            for (name, rest) in tokens(after: "*", in: line) where collectionAnchors.contains(name) {
                let asExplicitKey = trimmed.hasPrefix("?") && trimmed.dropFirst().drop { $0 == " " }.hasPrefix("*\(name)")
                let afterName = rest.drop { $0 == " " || $0 == "\t" }
                let asImplicitKey = afterName.hasPrefix(":") && (afterName.count == 1 || afterName.dropFirst().first == " ")
                if asExplicitKey || asImplicitKey { return .collectionKey(line: index + 1, alias: name) }
            }
        }
        return nil
    }

    /// Anchor or alias names introduced by `marker` at the start of a token, with the text after each.
    private static func tokens(after marker: Character, in line: Substring) -> [(String, Substring)] {
        var found: [(String, Substring)] = []
        var previous: Character = " "
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == marker, " \t[{,?:-".contains(previous) {
                let nameStart = line.index(after: i)
                let nameEnd = line[nameStart...].firstIndex { " \t,[]{}".contains($0) } ?? line.endIndex
                if nameStart < nameEnd { found.append((String(line[nameStart..<nameEnd]), line[nameEnd...])) }
                i = nameEnd
                previous = "x"
                continue
            }
            previous = c
            i = line.index(after: i)
        }
        return found
    }

    /// The line with quoted text blanked out and any comment removed.
    private static func outsideQuotes(_ line: Substring) -> Substring {
        var result = ""
        var quote: Character?
        var previous: Character = " "
        for c in line {
            if let q = quote {
                if c == q { quote = nil }
                result.append(" ")
            } else if (c == "\"" || c == "'") && " \t[{,:-".contains(previous) {
                quote = c
                result.append(" ")
            } else if c == "#" && (previous == " " || previous == "\t") {
                break
            } else {
                result.append(c)
            }
            previous = c
        }
        return Substring(result)
    }
}
