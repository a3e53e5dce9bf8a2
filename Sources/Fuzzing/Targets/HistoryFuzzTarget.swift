import Dashboard
import Foundation

/// `history`: the command line's history file as the dashboard loads it at start — whatever
/// bytes it holds (another program's, a cut one, a huge one). Loading never traps, keeps at most
/// `CommandHistory.limit` lines and never more than the file's newest bytes, and the history
/// it gives still takes a new line, saves it, and loads back the same.
final class HistoryFuzzTarget: FuzzTarget {
    let name = "history"
    let summary = "the command history file: any bytes, loaded, added to and saved again"
    private let file = FuzzScratchFile(target: "history", name: "history")

    var seeds: [[UInt8]] {
        let typical = "get pods\nscale deployment web --replicas=5\nget pods -o wide\ndescribe node node-1\n"
        let full = (0..<1_100).map { "get pods -l app=web-\($0)" }.joined(separator: "\n")
        let longLine = "get pods " + String(repeating: "-o wide ", count: 20_000) + "\nlogs web"
        return [typical, full, longLine, "", "\n\n\n", "get pods\r\nget nodes\r\n", "  \t \nsleep 1s\nsleep 1s\n", "ok\u{0}\u{1b}[2J\u{7f}"]
            .map { Array($0.utf8) } + [[0xff, 0xfe, 0x0a, 0x67, 0x65, 0x74, 0xc3, 0x0a, 0xe2, 0x82]]
    }

    var dictionary: [[UInt8]] {
        ["\n", "\r", "\r\n", "\t", " ", "get pods", "kubectl ", "\u{1b}[A", "\u{0}", "\u{FEFF}", "é", "日本"].map { Array($0.utf8) }
            + [[0xff], [0xc3], [0xed, 0xa0, 0x80]]
    }

    func run(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour {
        try file.write(input)
        var history = CommandHistory.load(from: file.url)
        let kept = history.entries
        if kept.count > CommandHistory.limit { throw FuzzFinding("kept \(kept.count) lines, over the limit of \(CommandHistory.limit)") }
        let keptBytes = kept.reduce(0) { $0 + $1.utf8.count + 1 }
        // U+FFFD, which stands for each bad byte, takes three.
        if keptBytes > 3 * CommandHistory.fileLimit { throw FuzzFinding("kept \(keptBytes) bytes from a file limited to \(CommandHistory.fileLimit)") }
        if kept.contains(where: { $0.isEmpty || $0.utf8.contains(0x0a) }) { throw FuzzFinding("kept an empty line or one holding a newline") }

        // ↑ walks back through every line kept, newest first, then stops.
        var walked: [String] = []
        while let line = history.previous(current: "draft"), walked.count <= kept.count { walked.append(line) }
        if walked != kept.reversed() { throw FuzzFinding("↑ walked \(walked.count) lines, not the \(kept.count) kept, newest first") }
        history.reset()

        history.add("get pods -o wide")
        let reloaded = CommandHistory.load(from: file.url)
        let savedBytes = history.entries.reduce(0) { $0 + $1.utf8.count + 1 }
        // A file saved larger than the limit (bad bytes mended into three each) is read cut.
        if savedBytes <= CommandHistory.fileLimit && reloaded.entries != history.entries {
            throw FuzzFinding("saved \(history.entries.count) lines but loaded back \(reloaded.entries.count)")
        }
        if history.entries.last != "get pods -o wide" || history.entries.count > CommandHistory.limit {
            throw FuzzFinding("the line added is not the newest, or the history grew past its limit")
        }
        return FuzzBehaviour(Self.describe(input: input, kept: kept))
    }

    /// The kind of file and what loading kept, in words (numbers would fold together).
    private static func describe(input: [UInt8], kept: [String]) -> String {
        var words = [kept.isEmpty ? "empty" : kept.count == 1 ? "one" : kept.count < CommandHistory.limit ? "some" : "full"]
        if input.count > CommandHistory.fileLimit { words.append("cut") }
        var wide = false, returns = false, controls = false
        for byte in input {
            if byte >= 0x80 { wide = true } else if byte == 0x0d { returns = true } else if byte < 0x20 && byte != 0x09 && byte != 0x0a { controls = true }
        }
        if wide { words.append(String(bytes: input, encoding: .utf8) == nil ? "mended" : "unicode") }
        if returns { words.append("returns") }
        if controls { words.append("controls") }
        if kept.contains(where: { $0.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }) { words.append("blank") }
        if kept.contains(where: { $0.utf8.count > 1000 }) { words.append("long") }
        if zip(kept, kept.dropFirst()).contains(where: ==) { words.append("repeats") }
        if kept.contains(where: { $0.utf8.first == 0x20 || $0.utf8.last == 0x20 }) { words.append("padded") }
        return words.joined(separator: " ")
    }
}
