/// kubectl's `-o jsonpath=TEMPLATE` (k8s.io/client-go/util/jsonpath), the common subset:
/// literal text, `{.a.b}`, `{.items[0]}`, `{.items[*].metadata.name}`, `{['key.with.dots']}`,
/// `{range .items[*]}…{end}` and quoted literals like `{"\n"}`.
public struct JSONPath {
    indirect enum Node {
        case text(String)
        case path([Step])
        case range([Step], [Node])
    }

    enum Step: Equatable {
        case field(String)
        case index(Int)
        case wildcard
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
        while !rest.isEmpty {
            if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                if name.isEmpty { continue }
                steps.append(name == "*" ? .wildcard : .field(String(name)))
                rest = rest.dropFirst(name.count)
            } else if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else { throw ParseError(description: "unterminated array") }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                if inside == "*" {
                    steps.append(.wildcard)
                } else if let n = Int(inside) {
                    steps.append(.index(n))
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

    /// Results of a path against `root`; a missing field is an error, as in kubectl.
    static func evaluate(_ steps: [Step], _ root: JSONValue) throws -> [JSONValue] {
        var current = [root]
        for step in steps {
            var next: [JSONValue] = []
            for value in current {
                switch (step, value) {
                case (.field(let name), .object):
                    guard let v = value[name] else { throw ParseError(description: "\(name) is not found") }
                    next.append(v)
                case (.index(let i), .array(let items)):
                    let idx = i < 0 ? items.count + i : i
                    guard items.indices.contains(idx) else { throw ParseError(description: "array index out of bounds: index \(i), length \(items.count)") }
                    next.append(items[idx])
                case (.wildcard, .array(let items)):
                    next += items
                case (.wildcard, .object(let pairs)):
                    next += pairs.map(\.1)
                default:
                    throw ParseError(description: "\(step) is not found")
                }
            }
            current = next
        }
        return current
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

extension String {
    /// Without leading and trailing blanks (spaces, tabs, and the `\r` of CRLF files).
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s = s.dropLast() }
        return String(s)
    }
}
