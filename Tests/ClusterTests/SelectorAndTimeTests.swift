import Testing
@testable import Cluster

@Suite struct SelectorTests {
    @Test func equalityAndSetBasedRequirements() throws {
        let labels = ["app": "web", "env": "prod"]
        let cases: [(String, Bool)] = [
            ("app=web", true), ("app==web", true), ("app!=web", false), ("app!=db", true),
            ("env in (prod,dev)", true), ("env in (dev)", false), ("env notin (dev)", true), ("env notin (prod)", false),
            ("app", true), ("tier", false), ("!tier", true), ("!app", false), ("app=web,env in (prod)", true), ("", true),
        ]
        for (text, expected) in cases {
            #expect(try SelectorParser.parse(text).matches(labels) == expected, "\(text)")
        }
        #expect(try SelectorParser.parse("app=web,env in (prod,dev)").description == "app=web,env in (dev,prod)")
    }

    @Test func invalidSelectorsAreErrors() {
        #expect(throws: SelectorParser.ParseError.self) { try SelectorParser.parse("app=we b") }
        #expect(throws: SelectorParser.ParseError.self) { try SelectorParser.parse("-app=x") }
    }

    @Test func labelSyntax() {
        #expect(LabelValidation.keyErrors("app").isEmpty)
        #expect(LabelValidation.keyErrors("example.com/app").isEmpty)
        #expect(!LabelValidation.keyErrors("b@d").isEmpty)
        #expect(!LabelValidation.keyErrors("/app").isEmpty)
        #expect(LabelValidation.valueErrors("").isEmpty)
        #expect(LabelValidation.valueErrors(String(repeating: "a", count: 64)) == ["must be no more than 63 bytes"])
        #expect(LabelValidation.subdomainNameErrors("hello-kiamol-2").isEmpty)
        #expect(!LabelValidation.subdomainNameErrors("Hello").isEmpty)
    }
}

@Suite struct TimeTests {
    @Test func humanDurationMatchesKubectl() {
        let cases: [(Double, String)] = [(0, "0s"), (59, "59s"), (119, "119s"), (120, "2m"), (301, "5m1s"), (600, "10m"),
                                         (3600, "60m"), (3 * 3600 + 300, "3h5m"), (23 * 3600, "23h"), (50 * 3600, "2d2h"), (-1.5, "0s"), (-3, "<invalid>")]
        for (seconds, text) in cases { #expect(GoDuration.human(.seconds(seconds)) == text, "\(seconds)") }
    }

    @Test func goDurationsParseAndPrint() {
        #expect(GoDuration.parse("10s") == .seconds(10))
        #expect(GoDuration.parse("1h30m") == .seconds(5400))
        #expect(GoDuration.parse("250ms") == .milliseconds(250))
        #expect(GoDuration.parse("ten") == nil)
        #expect(GoDuration.parse("5") == nil)
        #expect(GoDuration.format(.milliseconds(1471)) == "1.471s")
        #expect(GoDuration.format(.seconds(150)) == "2m30s")
    }

    @Test func clockFiresTimersInTimeThenInsertionOrder() {
        let clock = VirtualClock()
        var fired: [String] = []
        clock.schedule(after: .seconds(2)) { fired.append("b") }
        clock.schedule(after: .seconds(1)) { fired.append("a1") }
        clock.schedule(after: .seconds(1)) { fired.append("a2") }
        clock.schedule(after: .seconds(5)) { fired.append("late") }
        clock.advance(to: SimTime(milliseconds: 3000))
        #expect(fired == ["a1", "a2", "b"])
        #expect(clock.now == SimTime(milliseconds: 3000))
    }

    @Test func thousandsOfTimersFireInTimeThenInsertionOrder() {
        // Thousands waiting at once, many at the same instant, more added as they fire: the
        // clock must fire them exactly as a sort by (time, order of scheduling) lists them.
        let clock = VirtualClock()
        var random = SeededRandom(seed: 42)
        var scheduled: [(time: Int64, order: Int)] = []
        var fired: [Int] = []
        func add(after milliseconds: Int64) {
            let order = scheduled.count
            scheduled.append((clock.now.milliseconds + milliseconds, order))
            clock.schedule(after: .milliseconds(milliseconds)) {
                fired.append(order)
                // A tenth of them schedule another, some at the very same instant.
                if order % 10 == 0 && scheduled.count < 12_000 { add(after: Int64(random.next() % 5)) }
            }
        }
        for _ in 0..<10_000 { add(after: Int64(random.next() % 500)) }
        clock.advance(to: SimTime(milliseconds: 10_000))
        let expected = scheduled.sorted { ($0.time, $0.order) < ($1.time, $1.order) }.map(\.order)
        #expect(fired.count == scheduled.count)
        #expect(fired == expected)
    }

    @Test func calendarTimestamps() {
        #expect(CalendarTime.rfc3339(.zero) == "2024-09-01T11:24:17Z")
        #expect(CalendarTime.describe(.zero) == "Sun, 01 Sep 2024 11:24:17 +0000")
        #expect(CalendarTime.describe(SimTime(milliseconds: 86_400_000 * 200)) == "Thu, 20 Mar 2025 11:24:17 +0000")
    }
}
