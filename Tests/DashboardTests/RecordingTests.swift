import Foundation
import Testing
@testable import Cluster
@testable import Dashboard

/// A minimal terminal for replaying recordings: cursor positioning, clear, SGR (ignored for
/// text) and UTF-8 characters — what `AnsiEncoder` emits.
struct ReplayTerminal {
    var width, height: Int
    var grid: [[Character]]
    var row = 0, column = 0

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        grid = Array(repeating: Array(repeating: " ", count: width), count: height)
    }

    mutating func feed(_ output: String) {
        var chars = Array(output)[...]
        while let c = chars.popFirst() {
            guard c == "\u{1b}" else {
                if row < height && column < width { grid[row][column] = c }
                column += 1
                continue
            }
            guard chars.popFirst() == "[" else { continue }
            var parameters = ""
            while let p = chars.first, !p.isLetter { parameters.append(p); chars.removeFirst() }
            let command = chars.popFirst()
            switch command {
            case "H":
                let numbers = parameters.split(separator: ";").compactMap { Int($0) }
                row = (numbers.first ?? 1) - 1
                column = (numbers.count > 1 ? numbers[1] : 1) - 1
            case "J" where parameters == "2":
                grid = Array(repeating: Array(repeating: " ", count: width), count: height)
            default:
                break // SGR and modes do not change the text
            }
        }
    }

    mutating func resize(_ spec: String) {
        let parts = spec.split(separator: "x").compactMap { Int($0) }
        self = ReplayTerminal(width: parts[0], height: parts[1])
    }

    var text: String { grid.map { String($0) }.joined(separator: "\n") }
}

@Suite struct RecordingTests {
    @Test func castFileHasAHeaderOrderedEventsAndReplaysToTheLastFrame() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-\(UUID().uuidString).cast")
        defer { try? FileManager.default.removeItem(at: file) }
        let dashboard = try demoDashboard(seconds: 0)
        let recorder = try AsciicastRecorder(file: file, width: 120, height: 40, title: "kubesim test")
        var last = dashboard.render(width: 120, height: 40)
        try recorder.record(last, at: 0)
        var elapsed = 0.0
        // The pods come up, one is killed, the screen is resized, time runs.
        for (step, key) in [(0.5, nil), (1.0, nil), (2.0, Key.character("x")), (3.0, nil), (3.5, Key.character("1")), (5.0, nil)] as [(Double, Key?)] {
            if let key { dashboard.handle(key) }
            dashboard.tick(realElapsed: .seconds(step))
            elapsed += step
            let size = elapsed > 10 ? (100, 30) : (120, 40)
            last = dashboard.render(width: size.0, height: size.1)
            try recorder.record(last, at: elapsed)
        }
        try recorder.record(last, at: elapsed + 1) // unchanged: no event
        recorder.close()

        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 120)
        #expect(header["height"] as? Int == 40)
        #expect(header["timestamp"] is Int)
        var terminal = ReplayTerminal(width: 120, height: 40)
        var previousTime = -1.0
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            let time = try #require(event[0] as? Double)
            #expect(time >= previousTime)
            previousTime = time
            switch event[1] as? String {
            case "o": terminal.feed(try #require(event[2] as? String))
            case "r": terminal.resize(try #require(event[2] as? String))
            default: Issue.record("unexpected event type \(event[1])")
            }
        }
        #expect(lines.count - 1 >= 5)
        #expect(terminal.width == last.width && terminal.height == last.height)
        #expect(terminal.text == last.text)
        #expect(previousTime <= elapsed)
    }

    @Test func encoderSendsOnlyChangedCellsWithColors() {
        var a = Frame(width: 10, height: 2)
        a.put("hello", x: 0, y: 0, style: .plain)
        var b = a
        b.put("J", x: 0, y: 0, style: Style(foreground: .ansi(2), bold: true))
        let encoder = AnsiEncoder(palette: .xterm256)
        #expect(encoder.encode(b, since: a) == "\u{1b}[1;1H\u{1b}[0;1;38;5;2mJ\u{1b}[0m")
        #expect(encoder.encode(b, since: b) == "")
        #expect(encoder.encode(a, since: nil).hasPrefix("\u{1b}[0m\u{1b}[2J\u{1b}[1;1H\u{1b}[0mhello"))
        #expect(AnsiEncoder(palette: .basic8).encode(b, since: a) == "\u{1b}[1;1H\u{1b}[0;1;32mJ\u{1b}[0m")
    }
}
