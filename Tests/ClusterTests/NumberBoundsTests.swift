import Testing
@testable import Cluster

/// Numbers users type reach the cluster as resource.Quantity, time.ParseDuration and int64
/// seconds read them, and arithmetic on them saturates instead of trapping.
@Suite struct NumberBoundsTests {
    @Test func quantitiesParseAsApimachineryDoes() {
        let cpu: [(String, Int64?)] = [
            ("100m", 100), ("2", 2000), ("0.5", 500), ("1.5", 1500), ("+1", 1000), (".5", 500), ("5.", 5000),
            ("1e3", 1_000_000), ("1E-3", 1), ("2k", 2_000_000),
            ("1n", 1), ("1u", 1), ("0.0001", 1), // rounded up, as MilliValue does
            ("0", 0), ("-1", nil), ("1e30Gi", nil), ("abc", nil), ("", nil), ("1ki", nil), ("1Zi", nil), ("1e", nil),
            ("99999999999999999999", .max), ("1e400", .max), ("8Ei", .max),
        ]
        for (text, expected) in cpu { #expect(Quantity.parseCPU(text) == expected, "cpu \(text)") }
        let memory: [(String, Int64?)] = [
            ("128Mi", 128 << 20), ("1Gi", 1 << 30), ("1.5Gi", 3 << 29), ("1G", 1_000_000_000), ("1e3", 1000), ("1500k", 1_500_000),
            ("100m", 1), ("7Ei", 7 << 60), ("8Ei", .max), ("9223372036854775807", .max), ("9223372036854775808", .max),
            ("0.000000000000000000000000000001", 1), ("1234567890123456789.01", 1_234_567_890_123_456_790),
            ("1e30Gi", nil), ("-5Mi", nil),
        ]
        for (text, expected) in memory { #expect(Quantity.parseMemory(text) == expected, "memory \(text)") }
    }

    @Test func malformedQuantitiesNameTheRuleTheyBreak() {
        #expect(Quantity.parse("1e30Gi", scale: 0) == .failure(.format))
        #expect(Quantity.parse("1ki", scale: 0) == .failure(.suffix))
        #expect("\(Quantity.ParseError.format)" == "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
        #expect("\(Quantity.ParseError.suffix)" == "unable to parse quantity's suffix")
    }

    @Test func durationsParseAsGoDoes() {
        let valid: [(String, Int64)] = [
            ("10s", 10_000_000_000), ("1h30m", 5_400_000_000_000), ("1.5s", 1_500_000_000), ("250ms", 250_000_000),
            ("-2m", -120_000_000_000), ("+5s", 5_000_000_000), ("0", 0), ("1us", 1000), ("1µs", 1000), ("3ns", 3),
            ("2562047h47m16.854775807s", .max), (".5s", 500_000_000),
        ]
        for (text, ns) in valid { #expect(GoDuration.parseNanoseconds(text) == .success(ns), "\(text)") }
        let invalid: [(String, String)] = [
            ("9999999999999999999s", "time: invalid duration \"9999999999999999999s\""),
            ("2562048h", "time: invalid duration \"2562048h\""),
            ("10", "time: missing unit in duration \"10\""),
            ("5x", "time: unknown unit \"x\" in duration \"5x\""),
            ("", "time: invalid duration \"\""),
            ("s", "time: invalid duration \"s\""),
            (".s", "time: invalid duration \".s\""),
        ]
        for (text, message) in invalid {
            #expect(GoDuration.parseNanoseconds(text) == .failure(GoDuration.ParseError(description: message)), "\(text)")
        }
        // Below a millisecond rounds up, so a positive wait never becomes zero.
        #expect(GoDuration.parse("1ns") == .milliseconds(1))
        #expect(GoDuration.format(SimDuration(milliseconds: .min)) == "-2562047788015h12m55.808s")
    }

    @Test func arithmeticOnHugeValuesSaturates() {
        #expect(Saturating.add(Int64.max, 1) == .max)
        #expect(Saturating.add(Int64.min, -1) == .min)
        #expect(Saturating.subtract(Int64.min, 1) == .min)
        #expect(Saturating.multiply(Int64.max / 2, 3) == .max)
        #expect(Saturating.multiply(Int64.max / 2, -3) == .min)
        #expect(Saturating.int64(.infinity) == .max)
        #expect(Saturating.int64(-1e30) == .min)
        #expect(Saturating.int64(.nan) == 0)
        #expect(SimTime(milliseconds: 5) + .seconds(Int.max) == SimTime(milliseconds: .max))
        #expect(SimDuration.seconds(1e300) == SimDuration(milliseconds: .max))
        let huge = ResourceAmounts(cpuMillis: .max, memoryBytes: .max, pods: 1)
        #expect((huge + huge).memoryBytes == .max)
        #expect(RolloutMath.resolve("9223372036854775807%", total: 1000, roundUp: true) == Int(Int32.max))
        #expect(RolloutMath.resolve("25%", total: 10, roundUp: true) == 3)
        #expect(ResourceScores.percent(.max / 2, of: .max) == 50)
        #expect(ResourceScores.percent(50, of: 200) == 25)
    }

    @Test func theStoreRefusesReplicaCountsBeyondInt32() {
        let cluster = Cluster(seed: 1, nodes: 0)
        let labels = ["app": "big"]
        let spec = DeploymentSpec(replicas: Int(Int32.max) + 1, selector: LabelSelector(matchLabels: labels),
                                  template: PodTemplate(labels: labels, spec: PodSpec(containers: [Container(name: "c", image: "nginx")])))
        #expect(throws: APIError.invalid(.deployment, "big", ["spec.replicas: Invalid value: 2147483648: must be less than or equal to 2147483647"])) {
            try cluster.store.create(Deployment(metadata: ObjectMeta(name: "big", labels: labels), spec: spec))
        }
        #expect(cluster.store.get(Deployment.self, "big", namespace: "default") == nil)
    }

    @Test func theLongestGracePeriodNeverEndsAndNeverTraps() throws {
        let cluster = Cluster(seed: 1, nodes: 1)
        var pod = Pod(metadata: ObjectMeta(name: "p"), spec: PodSpec(containers: [Container(name: "c", image: "nginx")]))
        pod.spec.nodeName = "node-1"
        try cluster.store.create(pod)
        cluster.advance(by: .seconds(5))
        try cluster.failNode("node-1") // nobody confirms the deletion, so only the deadline could end it
        try cluster.store.delete(Pod.self, "p", namespace: "default", gracePeriodSeconds: Int.max)
        let deleted = try #require(cluster.store.get(Pod.self, "p", namespace: "default"))
        // The saturated deadline, at the API's whole seconds.
        #expect(deleted.metadata.deletionTimestamp == SimTime(milliseconds: .max).wholeSecond)
        #expect(deleted.metadata.deletionGracePeriodSeconds == Int.max)
        #expect(CalendarTime.rfc3339(deleted.metadata.deletionTimestamp!).hasPrefix("292278994-"))
        cluster.advance(by: .seconds(60))
        #expect(cluster.store.get(Pod.self, "p", namespace: "default")?.isTerminating == true)
    }
}
