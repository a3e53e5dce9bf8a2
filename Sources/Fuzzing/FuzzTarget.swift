/// One input surface of kubesim that the fuzzer feeds: a parser or loader reached the way users
/// reach it (a typed line, a `-f` file, a theme, an HTTP request), with the promises it keeps
/// checked after every input.
public protocol FuzzTarget: AnyObject {
    /// The name `kubesim fuzz NAME` takes.
    var name: String { get }
    /// One line for `kubesim fuzz --list`.
    var summary: String { get }
    /// Valid and nearly valid inputs to start mutating from.
    var seeds: [[UInt8]] { get }
    /// Words the mutator splices in: keywords, punctuation and numbers the grammar cares about.
    var dictionary: [[UInt8]] { get }
    /// Feeds one input. Returns what kind of answer it got (the fuzzer keeps inputs that reach a
    /// kind of answer not seen before, so it explores more of the grammar); throws a
    /// `FuzzFinding` when the answer breaks a promise (an error in the wrong words, a cluster
    /// changed by a refused request, an answer that does not parse).
    func run(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour
    /// What to save for `input`, asked just before it is fed, so that `--input` replays what the
    /// run saw: the input itself, unless the target carries state from earlier inputs.
    func replayForm(of input: [UInt8]) -> [UInt8]
    /// Feeds a saved `replayForm` to this (fresh) target.
    func replay(_ saved: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour
    /// The longest replay form that is not an input as it is (what the crash recorder must hold).
    var replayRoom: Int { get }
}

extension FuzzTarget {
    public func replayForm(of input: [UInt8]) -> [UInt8] { input }
    public func replay(_ saved: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour { try run(saved) }
    public var replayRoom: Int { 0 }
}

/// A kind of answer, with the particulars (names, numbers, positions) left out: "refused:
/// error: unknown flag: --#" and "refused: error: unknown flag: --x" are one behaviour.
public struct FuzzBehaviour: Hashable, Sendable {
    public var signature: String

    public init(_ text: some StringProtocol) { signature = FuzzBehaviour.generalised(text) }

    /// The first line's words, folding every word that is not plain English (names, flags,
    /// numbers, quoted text, runs over 20 letters) to "…", so that one message with different
    /// particulars is one behaviour; at most 7 words (more lets echoed arguments through). Only
    /// the first 1,000 characters are read: answers echo inputs of 64 KiB.
    static func generalised(_ text: some StringProtocol) -> String {
        var words: [String] = []
        for word in unquoted(text.prefix(1000).prefix { $0 != "\n" }).split(separator: " ") {
            let core = Array(word.drop { "([".contains($0) }.reversed().drop { "):,.;]".contains($0) })
            let plain = !core.isEmpty && core.count <= 20 && core.last!.isLetter
                && core.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "-" || $0 == "'") }
            let folded = plain ? String(core.reversed()) : "…"
            if folded == "…" && words.last == "…" { continue }
            words.append(folded)
            if words.count == 7 { break }
        }
        return words.joined(separator: " ")
    }

    /// Quoted and bracketed text ("…", '…', `…`, […]) folded to "…", whatever spaces it holds.
    private static func unquoted(_ line: some StringProtocol) -> String {
        var result = ""
        var quote: Character?
        for character in line {
            if let close = quote {
                if character == close { quote = nil }
            } else if character == "\"" || character == "`" || (character == "'" && result.last == " ") {
                quote = character
                result.append(" … ")
            } else if character == "[" {
                quote = "]"
                result.append(" … ")
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// A broken promise found by an input.
public struct FuzzFinding: Error, Equatable, Sendable, CustomStringConvertible {
    public var problem: String
    public init(_ problem: String) { self.problem = problem }
    public var description: String { problem }
}
