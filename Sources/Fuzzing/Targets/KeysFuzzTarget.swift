import Cluster
import Commands
import Dashboard

/// `keys`: a presenter's key presses into the dashboard — letters, digits, arrows, Enter, Esc,
/// Backspace, `:` command lines typed and run, `/` filters, prompts, overlays, the log view —
/// with small clock advances and frames drawn into memory at terminal sizes from 1×1 to
/// 300×100. Whatever is pressed, nothing traps, and every frame has the size asked for and
/// only characters a terminal draws in one column. Sixteen inputs in a row share a dashboard,
/// so a saved input carries the ones before it on the same dashboard (a session, see
/// `replayForm`) and replays as the run saw it.
final class KeysFuzzTarget: FuzzTarget {
    let name = "keys"
    let summary = "key presses into the dashboard, frames drawn at 1×1 … 300×100"
    /// Keys read from one input: a long session of keys is many inputs, and the cost of one stays small.
    static let maxKeys = 128
    /// Real time one input may let pass (times the speed, up to 16×): enough for pods to start
    /// and fail, not enough for a scale to thousands to run for long.
    static let clockBudget = SimDuration.seconds(10)
    /// Inputs fed to one dashboard before a fresh one: keys carry on from where the last input
    /// left the screen, as in a long session, while the cluster stays small and the cost flat.
    static let inputsPerDashboard = 16
    /// Past this many pods the clock stops for the rest of the input and the next input starts
    /// a fresh dashboard: a scale to 2147483647 (a `s` and a number) creates 5,000 pods a virtual
    /// second, and sixteen inputs of it made one input take 30 s. At 5,000 a scale to 9,229
    /// cost one input 0.83 s of CPU (1.08 s on a loaded machine, over the 1 s limit). Scale
    /// itself is the benchmarks'.
    static let podLimit = 2_500
    private var dashboard = KeysFuzzTarget.freshDashboard()
    /// The inputs fed to this dashboard so far, each as it acts (`acting`).
    private var session: [[UInt8]] = []
    /// How a saved session begins; then each input as a 2-byte big-endian length and its bytes.
    static let sessionHeader = Array("kubesim fuzz keys session\n".utf8)
    /// The dashboard the next input goes to (for tests).
    var currentDashboard: Dashboard { dashboard }
    private var inputsFed = 0

    /// Terminal sizes a byte may switch to: tiny ones, both sides of the 80×24 minimum, large ones.
    static let sizes: [(width: Int, height: Int)] = [(1, 1), (2, 1), (1, 2), (3, 3), (12, 4), (40, 10), (79, 24), (80, 23),
                                                    (80, 24), (81, 25), (120, 40), (132, 43), (200, 60), (300, 100), (300, 1), (1, 100)]
    /// Characters beyond ASCII a terminal may deliver as one key: accents, wide ones, combining
    /// marks, joiners, direction marks, an emoji.
    static let unusual: [Character] = ["é", "ß", "日", "\u{301}", "\u{200D}", "\u{202E}", "\u{FEFF}", "🙂", "Ⅻ", "\u{A0}", "→", "█"]
    static let specialKeys: [Key] = [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .delete, .backTab,
                                     .function(1), .function(5), .function(12), .function(63), .tab, .escape]

    /// One byte's meaning: most bytes are the key a terminal sends for them (printable ASCII,
    /// Enter, Esc, Tab, Backspace, Ctrl-letters); 0x80–0x8f are arrows and other special keys,
    /// 0x90–0x9f resize the terminal (drawing a frame), 0x1c–0x1f let time pass or draw, and
    /// 0xa0 and up type characters beyond ASCII.
    enum Press: Equatable {
        case key(Key)
        case advance(SimDuration)
        case draw
        case resize(Int)
    }

    static func press(for byte: UInt8) -> Press {
        switch byte {
        case 0x0a, 0x0d: .key(.enter)
        case 0x1b: .key(.escape)
        case 0x09: .key(.tab)
        case 0x08, 0x7f: .key(.backspace)
        case 0x00, 0x1c: .advance(.milliseconds(100))
        case 0x1d: .advance(.milliseconds(500))
        case 0x1e: .advance(.seconds(1))
        case 0x1f: .draw
        case 0x01...0x1a: .key(.control(Character(Unicode.Scalar(0x60 + byte))))
        case 0x20...0x7e: .key(.character(Character(Unicode.Scalar(byte))))
        case 0x80...0x8f: .key(specialKeys[Int(byte - 0x80) % specialKeys.count])
        case 0x90...0x9f: .resize(Int(byte - 0x90) % sizes.count)
        default: .key(.character(unusual[Int(byte - 0xa0) % unusual.count]))
        }
    }

    var seeds: [[UInt8]] {
        let lines = [
            ":get pods\n", ":scale deployment web --replicas=6\n\u{1d}\u{1d}\u{1f}", ":sim fail node-2\n\u{1d}\u{1d}2jjd", "/web\n\u{1d}\u{1f}\u{1b}\u{1b}",
            "3jjx\u{1d}\u{1d}\u{1d}", "1j\ns\u{7f}\u{7f}9\n\u{1d}\u{1d}", "3jl\u{7f}\u{7f}\u{7f}tier=db\n\u{1d}", "?jjjjG\u{1b}q", "2\nd\u{1b}i nginx:1.26\n\u{1d}\u{1d}",
            "3jL\u{1d}\u{1d}kkG\u{1b}", "ttt zZz..<<>>> \u{1d}", "\u{9f}\u{1f}\u{90}\u{1f}\u{97}\u{1f}\u{98}\u{1f}\u{9d}\u{1f}",
            ":get deploy -o wide\n\u{8e}\u{8e}hhll0\u{1b}", ":get po\u{9}\u{9}\n", ":nope\n\u{80}\u{80}\u{81}\n", "5\u{1d}jjjN\u{1d}N", "/-l app=web\n\u{1f}/\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\n",
            ":sort -pod age\n", "NN:ns kube-system\n\u{1f}", "\u{3}", "\u{a0}\u{a3}\u{a6}:\u{a1}\u{a2}\u{a7}\u{a8}\n",
        ]
        return lines.map { Array($0.utf8) }
    }

    var dictionary: [[UInt8]] {
        ([":", "/", "\n", "\u{1b}", "\u{7f}", "\u{1d}", "\u{1f}", "get pods", "scale deployment web --replicas=", "sim fail node-1",
          "delete pod -l app=web", "rollout undo deployment/web", "-l app=web", "web", "jjj", "kkk", "G", "g", "x", "d", "s", "l", "i",
          "L", "o", "r", "u", "c", "e", "p", "P", "D", "S", "A", "N", "t", "z", "Z", ".", " ", "<", ">", "?", "1", "2", "3", "4", "5"])
            .map { Array($0.utf8) } + (0x80...0x9f).map { [UInt8($0)] }
    }

    static func freshDashboard() -> Dashboard {
        let cluster = Cluster(seed: 7, pace: .demo, nodes: 3)
        let session = Session(cluster: cluster)
        for line in ["create deployment web --image=nginx --replicas=3", "expose deployment web --port=80"] {
            _ = session.runToCompletion(line)
        }
        let dashboard = Dashboard(session: session, theme: .builtInMono)
        dashboard.tick(realElapsed: .seconds(20))
        return dashboard
    }

    func run(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour {
        if startsAfresh { try startAfresh() }
        inputsFed += 1
        session.append(Self.acting(input))
        var size = Self.sizes[Int(input.reduce(UInt8(0)) { $0 &+ $1 }) % Self.sizes.count]
        var clockLeft = Self.clockBudget.milliseconds
        for byte in input.prefix(Self.maxKeys) {
            switch Self.press(for: byte) {
            case .key(let key): dashboard.handle(key)
            case .advance(let duration):
                guard clockLeft >= duration.milliseconds, Self.pods(in: dashboard) <= Self.podLimit else { continue }
                clockLeft -= duration.milliseconds
                dashboard.tick(realElapsed: duration)
            case .draw: try Self.draw(dashboard, size)
            case .resize(let index):
                size = Self.sizes[index]
                try Self.draw(dashboard, size)
            }
        }
        if Self.pods(in: dashboard) <= Self.podLimit { dashboard.tick(realElapsed: .milliseconds(100)) }
        try Self.draw(dashboard, size)
        return FuzzBehaviour("\(Self.modeName(dashboard.mode)) \(dashboard.focus.title): " + (dashboard.status?.text ?? "quiet"))
    }

    static func pods(in dashboard: Dashboard) -> Int { dashboard.session.cluster.store.count(Pod.self) }

    /// A session of sixteen inputs and the one after, each its acting bytes and one more, with
    /// lengths and header.
    var replayRoom: Int { Self.sessionHeader.count + (Self.inputsPerDashboard + 1) * (2 + Self.maxKeys + 1) }

    private var startsAfresh: Bool { inputsFed == Self.inputsPerDashboard || Self.pods(in: dashboard) > Self.podLimit }

    /// The dashboard let go must be freed with its cluster.
    private func startAfresh() throws(FuzzFinding) {
        weak var store = dashboard.session.cluster.store
        dashboard = Self.freshDashboard()
        inputsFed = 0
        session = []
        try FuzzChecks.freed(store)
    }

    /// A session of the inputs this dashboard was fed, then the input; the input alone when it
    /// is the first. An input that starts afresh is saved with the session before it, whose
    /// dashboard it lets go (and, replayed, checks again that it is freed).
    func replayForm(of input: [UInt8]) -> [UInt8] {
        guard !session.isEmpty else { return input }
        var saved = Self.sessionHeader
        for part in session + [Self.acting(input)] {
            saved += [UInt8(part.count >> 8), UInt8(part.count & 0xff)] + part
        }
        return saved
    }

    /// A session fed input after input to this fresh target; anything else as one input.
    func replay(_ saved: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour {
        guard saved.starts(with: Self.sessionHeader) else { return try run(saved) }
        var parts: [[UInt8]] = []
        var at = Self.sessionHeader.count
        while at + 2 <= saved.count {
            let count = Int(saved[at]) << 8 | Int(saved[at + 1])
            guard at + 2 + count <= saved.count else { throw FuzzFinding("a cut session: \(saved.count - at - 2) bytes left for an input of \(count)") }
            parts.append(Array(saved[(at + 2)..<(at + 2 + count)]))
            at += 2 + count
        }
        var answer = FuzzBehaviour("")
        for part in parts { answer = try run(part) }
        return answer
    }

    /// What of `input` acts: its first `maxKeys` bytes and the terminal size its byte sum picks.
    /// A longer input becomes those bytes and one more (never pressed) that keeps the sum.
    static func acting(_ input: [UInt8]) -> [UInt8] {
        guard input.count > maxKeys else { return input }
        let sum = { (bytes: ArraySlice<UInt8>) in bytes.reduce(UInt8(0)) { $0 &+ $1 } }
        let kept = input.prefix(maxKeys)
        return Array(kept) + [sum(input[...]) &- sum(kept)]
    }

    /// A frame of exactly the size asked for, every cell one column wide.
    static func draw(_ dashboard: Dashboard, _ size: (width: Int, height: Int)) throws(FuzzFinding) {
        let frame = dashboard.render(width: size.width, height: size.height)
        guard frame.width == size.width, frame.height == size.height, frame.cells.count == size.width * size.height else {
            throw FuzzFinding("asked for a \(size.width)×\(size.height) frame, got \(frame.width)×\(frame.height) with \(frame.cells.count) cells")
        }
        // Printable ASCII first: most cells, and cheap to tell.
        if let cell = frame.cells.first(where: { !($0.character.asciiValue.map { $0 >= 0x20 && $0 < 0x7f } ?? false) && !Frame.isSingleWidth($0.character) }) {
            throw FuzzFinding("a frame holds \(cell.character.unicodeScalars.map { String($0.value, radix: 16) }), which is not one column wide")
        }
    }

    static func modeName(_ mode: Mode) -> String {
        switch mode {
        case .normal: "normal"
        case .command: "command"
        case .filter: "filter"
        case .prompt: "prompt"
        case .overlay: "overlay"
        case .logs: "logs"
        }
    }
}
