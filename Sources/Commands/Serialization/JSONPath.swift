/// kubectl's `-o jsonpath=TEMPLATE` (k8s.io/client-go/util/jsonpath): literal text, `{.a.b}`,
/// `{.items[0]}`, slices `{.items[1:3]}`, `{.items[*].metadata.name}`, `{['key.with.dots']}`,
/// recursive descent `{..name}`, filters `{.items[?(@.type=="InternalIP")].address}`,
/// `{range .items[*]}…{end}` and quoted literals like `{"\n"}`. As kubectl runs it
/// (`--allow-missing-template-keys=true`), a missing key prints nothing.
public struct JSONPath {
    indirect enum Node {
        case text(String)
        case path([Step])
        case range([Step], [Node])
    }

    enum Step: Equatable {
        case field(String)
        case index(Int)
        case slice(start: Int?, end: Int?, step: Int?)
        case wildcard
        /// `..name`: every `name` field at any depth.
        case recursive(String)
        case filter(JSONPathFilter)
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    let nodes: [Node]

    public init(_ template: String) throws {
        var tokens = try JSONPath.tokenize(template)
        nodes = try JSONPath.parseNodes(&tokens, inRange: false)
    }

    enum Token { case text(String), expr(String) }

    private static func tokenize(_ template: String) throws -> [Token] {
        var tokens: [Token] = []
        var text = ""
        var i = template.startIndex
        while i < template.endIndex {
            let c = template[i]
            if c == "{" {
                if !text.isEmpty { tokens.append(.text(text)); text = "" }
                var j = template.index(after: i)
                var inQuote: Character? = nil
                var expr = ""
                while j < template.endIndex {
                    let d = template[j]
                    if let q = inQuote {
                        if d == "\\", template.index(after: j) < template.endIndex {
                            expr.append(d)
                            j = template.index(after: j)
                            expr.append(template[j])
                            j = template.index(after: j)
                            continue
                        }
                        if d == q { inQuote = nil }
                    } else if d == "\"" || d == "'" {
                        inQuote = d
                    } else if d == "}" {
                        break
                    }
                    expr.append(d)
                    j = template.index(after: j)
                }
                guard j < template.endIndex else { throw ParseError(description: "unclosed action") }
                tokens.append(.expr(expr.trimmingSpaces()))
                i = template.index(after: j)
            } else {
                text.append(c)
                i = template.index(after: i)
            }
        }
        if !text.isEmpty { tokens.append(.text(text)) }
        return tokens
    }

    private static func parseNodes(_ tokens: inout [Token], inRange: Bool) throws -> [Node] {
        var nodes: [Node] = []
        while !tokens.isEmpty {
            let token = tokens.removeFirst()
            switch token {
            case .text(let t):
                nodes.append(.text(t))
            case .expr(let e):
                if e == "end" {
                    guard inRange else { throw ParseError(description: "not in range, nothing to end") }
                    return nodes
                }
                if e.hasPrefix("range ") {
                    let steps = try parsePath(String(e.dropFirst(6)).trimmingSpaces())
                    let body = try parseNodes(&tokens, inRange: true)
                    nodes.append(.range(steps, body))
                } else if let literal = quotedLiteral(e) {
                    nodes.append(.text(literal))
                } else {
                    nodes.append(.path(try parsePath(e)))
                }
            }
        }
        if inRange { throw ParseError(description: "unclosed range") }
        return nodes
    }

    private static func quotedLiteral(_ e: String) -> String? {
        guard e.count >= 2, let q = e.first, q == "\"" || q == "'", e.last == q else { return nil }
        var out = ""
        var escaping = false
        for c in e.dropFirst().dropLast() {
            if escaping {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func parsePath(_ expr: String) throws -> [Step] {
        var steps: [Step] = []
        var rest = Substring(expr)
        if rest.hasPrefix("$") { rest = rest.dropFirst() }
        if rest.hasPrefix("@") { rest = rest.dropFirst() }
        while !rest.isEmpty {
            if rest.hasPrefix("..") {
                rest = rest.dropFirst(2)
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { throw ParseError(description: "invalid recursive descent: nothing after '..'") }
                steps.append(name == "*" ? .recursive("*") : .recursive(String(name)))
                rest = rest.dropFirst(name.count)
            } else if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                if name.isEmpty { continue }
                steps.append(name == "*" ? .wildcard : .field(String(name)))
                rest = rest.dropFirst(name.count)
            } else if rest.hasPrefix("[") {
                guard let close = closingBracket(in: rest) else { throw ParseError(description: "unterminated array") }
                let inside = rest[rest.index(after: rest.startIndex)..<close].trimmingSpacesSubstring()
                rest = rest[rest.index(after: close)...]
                if inside == "*" {
                    steps.append(.wildcard)
                } else if let n = Int(inside) {
                    steps.append(.index(n))
                } else if inside.hasPrefix("?(") && inside.hasSuffix(")") {
                    steps.append(.filter(try JSONPathFilter(String(inside.dropFirst(2).dropLast()))))
                } else if inside.contains(":") && !inside.contains("'") && !inside.contains("\"") {
                    let parts = inside.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingSpacesSubstring() }
                    guard parts.count <= 3, parts.allSatisfy({ $0.isEmpty || Int($0) != nil }) else {
                        throw ParseError(description: "invalid array index \(inside)")
                    }
                    steps.append(.slice(start: Int(parts[0]), end: parts.count > 1 ? Int(parts[1]) : nil, step: parts.count > 2 ? Int(parts[2]) : nil))
                } else if let literal = quotedLiteral(String(inside)) {
                    steps.append(.field(literal))
                } else {
                    throw ParseError(description: "invalid array index \(inside)")
                }
            } else {
                throw ParseError(description: "unrecognized character in action: U+\(String(rest.unicodeScalars.first!.value, radix: 16).uppercased().leftPadded(4)) '\(rest.first!)'")
            }
        }
        return steps
    }

    /// The `]` that closes the `[` at the start of `text`, skipping quoted text and parentheses.
    private static func closingBracket(in text: Substring) -> Substring.Index? {
        var quote: Character? = nil
        var depth = 0
        var i = text.index(after: text.startIndex)
        while i < text.endIndex {
            let c = text[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth -= 1
            } else if c == "]" && depth <= 0 {
                return i
            }
            i = text.index(after: i)
        }
        return nil
    }

    /// Results of a path against `root`. A missing key or an index past the end gives no result
    /// (kubectl's default, --allow-missing-template-keys=true), not an error.
    static func evaluate(_ steps: [Step], _ root: JSONValue) throws -> [JSONValue] {
        var current = [root]
        for step in steps {
            var next: [JSONValue] = []
            for value in current {
                switch (step, value) {
                case (.field(let name), .object):
                    if let v = value[name] { next.append(v) }
                case (.index(let i), .array(let items)):
                    let idx = i < 0 ? items.count + i : i
                    if items.indices.contains(idx) { next.append(items[idx]) }
                case (.slice(let start, let end, let stride), .array(let items)):
                    next += slice(items, start: start, end: end, step: stride)
                case (.wildcard, .array(let items)):
                    next += items
                case (.wildcard, .object(let pairs)):
                    next += pairs.map(\.1)
                case (.recursive(let name), _):
                    next += descend(value, name: name)
                case (.filter(let filter), .array(let items)):
                    next += try items.filter { try filter.matches($0) }
                default:
                    break
                }
            }
            current = next
        }
        return current
    }

    /// Python-style slicing as client-go does it: negative bounds count from the end.
    private static func slice(_ items: [JSONValue], start: Int?, end: Int?, step: Int?) -> [JSONValue] {
        let n = items.count
        func clamp(_ v: Int) -> Int { max(0, min(n, v < 0 ? n + v : v)) }
        let from = clamp(start ?? 0), to = clamp(end ?? n), by = max(1, step ?? 1)
        guard from < to else { return [] }
        return Swift.stride(from: from, to: to, by: by).map { items[$0] }
    }

    /// Every value under a field called `name` (or every value, for `*`), depth first, as
    /// client-go's recursive descent walks objects and arrays.
    private static func descend(_ value: JSONValue, name: String) -> [JSONValue] {
        var found: [JSONValue] = []
        switch value {
        case .object(let pairs):
            for (key, child) in pairs {
                if name == "*" || key == name { found.append(child) }
                found += descend(child, name: name)
            }
        case .array(let items):
            for item in items { found += descend(item, name: name) }
        default:
            break
        }
        return found
    }

    static func text(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): s
        case .null: ""
        default: v.compactJSON()
        }
    }

    public func execute(_ root: JSONValue) throws -> String {
        try run(nodes, root)
    }

    private func run(_ nodes: [Node], _ root: JSONValue) throws -> String {
        var out = ""
        for node in nodes {
            switch node {
            case .text(let t):
                out += t
            case .path(let steps):
                out += try JSONPath.evaluate(steps, root).map(JSONPath.text).joined(separator: " ")
            case .range(let steps, let body):
                for item in try JSONPath.evaluate(steps, root) {
                    out += try run(body, item)
                }
            }
        }
        return out
    }
}

extension Substring {
    func trimmingSpacesSubstring() -> Substring { trimming(blanks: [0x20, 0x09]) }

    /// Without leading and trailing `blanks` (ASCII bytes), found on the UTF-8 view: walking
    /// Characters from the end costs a count of the whole text per step, which a line of
    /// 60,000 spaces made quadratic.
    func trimming(blanks: Set<UInt8>) -> Substring {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !blanks.contains($0) }),
              let last = bytes.lastIndex(where: { !blanks.contains($0) }) else { return self[endIndex...] }
        // Both ends border an ASCII blank or the text's end: character boundaries.
        return self[first..<bytes.index(after: last)]
    }
}

extension String {
    /// Without leading and trailing blanks (spaces, tabs, and the `\r` of CRLF files).
    func trimmingSpaces() -> String { String(Substring(self).trimming(blanks: [0x20, 0x09, 0x0d])) }
}
