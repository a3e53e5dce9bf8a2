import Testing
@testable import Cluster
@testable import Commands

/// A small fuzzer with a fixed seed: a few hundred lines mixing the numbers that used to crash or
/// hang the simulator (int32 and int64 edges, huge quantities and durations, malformed text)
/// into ordinary commands, run through the headless session. Reaching the end is the point: a
/// trap would abort the test process. Each failed line must also say why on standard error.
@Suite struct RandomInputSmokeTests {
    static let counts = ["0", "1", "2", "3", "-1", "2147483648", "4294967296", "9223372036854775807", "9223372036854775808",
                         "99999999999999999999", "0x3", "010", "abc", "", "1e3", "+2"]
    static let graces = ["0", "1", "30", "-1", "9223372036854775807", "9223372036854775808", "abc", "1.5"]
    static let durations = ["0", "1s", "5s", "-1s", "10", "5x", "9999999999999999999s", "2562047h", "1.5s", "250ms", "1µs", ".", "1h2562047h"]
    static let quantities = ["1", "4", "500m", "8Gi", "1e30Gi", "99999999999999999999", "8Ei", "0", "-1", "1ki", "abc", "1e400", "0.000001", "1E18"]
    static let percents = ["25%", "0", "1", "99999999999%", "9223372036854775807", "-1", "x%"]

    struct Generator {
        var random = SeededRandom(seed: 42)

        mutating func pick(_ choices: [String]) -> String { choices[random.int(in: 0...(choices.count - 1))] }

        /// A pod name that may or may not exist, and a node that may or may not.
        mutating func line(pods: [String]) -> String {
            let pod = pods.isEmpty ? "nope" : pick(pods + ["nope"])
            let node = pick(["node-1", "node-2", "node-3", "node-9"])
            switch random.int(in: 0...13) {
            case 0: return "scale deployment/web --replicas=\(pick(Self.smallOrRefused))"
            case 1: return "create deployment d\(random.int(in: 0...20)) --image=nginx --replicas=\(pick(Self.smallOrRefused)) --port=\(pick(RandomInputSmokeTests.counts))"
            case 2: return "delete pod \(pod) --wait=false --grace-period=\(pick(RandomInputSmokeTests.graces))"
            case 3: return "delete pod \(pod) --timeout=\(pick(Self.shortTimeouts))"
            case 4: return "sleep \(pick(RandomInputSmokeTests.durations))"
            case 5: return "sim add-node --cpu \(pick(RandomInputSmokeTests.quantities)) --memory \(pick(RandomInputSmokeTests.quantities))"
            case 6: return "drain \(node) --force --timeout=\(pick(Self.shortTimeouts)) --grace-period=\(pick(RandomInputSmokeTests.graces))"
            case 7: return pick(["uncordon \(node)", "cordon \(node)", "sim fail \(node)", "sim recover \(node)"])
            case 8: return pick(["get pods", "get pods -o wide", "get deploy -o yaml", "get rs", "describe node \(node)", "describe pod \(pod)"])
            case 9: return "label pod \(pod) k=\(pick(RandomInputSmokeTests.counts)) --overwrite"
            case 10: return "scale deployment/web --current-replicas=\(pick(RandomInputSmokeTests.counts)) --replicas=2"
            case 11: return "delete pod \(pod) --now --wait=false"
            case 12: return "sleep \(random.int(in: 0...20))s"
            default: return "get pods -l app=\(pick(RandomInputSmokeTests.counts))"
            }
        }

        /// Valid counts stay small (scaling to two billion is legal and merely slow); the rest are refused.
        static let smallOrRefused = ["0", "1", "2", "3", "-1", "2147483648", "4294967296", "9223372036854775808", "99999999999999999999", "abc", "0x2"]
        /// A blocking command's timeout: short, malformed or out of range, never a valid long one.
        static let shortTimeouts = ["1s", "5s", "9999999999999999999s", "5x", "-1s", "10", "2.5s"]
    }

    @Test func randomLinesNeverTrapAndFailuresSayWhy() {
        let shell = Shell()
        shell.run("create deployment web --image=nginx --replicas=3")
        shell.advance(10)
        var generator = Generator()
        var failures = 0
        for _ in 0..<300 {
            let line = generator.line(pods: shell.names("get pods"))
            let output = shell.run(line)
            if output.failed {
                failures += 1
                #expect(!output.stderr.isEmpty, "\(line)")
            }
        }
        #expect(failures > 0) // the inputs were hostile enough to be refused somewhere
        #expect(shell.out("get deploy web").contains("web "))
    }

    @Test func randomManifestNumbersNeverTrap() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        var generator = Generator()
        for i in 0..<40 {
            let manifest = SampleManifests.deployment(name: "m\(i)", replicas: generator.pick(Generator.smallOrRefused.filter { Int($0) != nil }))
                .replacingOccurrences(of: "        image: nginx", with: """
                        image: nginx
                        ports:
                        - containerPort: \(generator.pick(RandomInputSmokeTests.counts.filter { Int($0) != nil }))
                        resources:
                          requests:
                            cpu: "\(generator.pick(RandomInputSmokeTests.quantities))"
                            memory: "\(generator.pick(RandomInputSmokeTests.quantities))"
                """)
                .replacingOccurrences(of: "  replicas:", with: "  strategy:\n    rollingUpdate:\n      maxSurge: \(generator.pick(RandomInputSmokeTests.percents))\n  replicas:")
            let file = try folder.write("m\(i).yaml", manifest)
            let output = shell.run("apply -f \(file)")
            if output.failed { #expect(!output.stderr.isEmpty, "\(manifest)") }
            shell.advance(2)
        }
        shell.run("scale deployment/m0 --replicas=3")
        shell.advance(10)
        #expect(!shell.run("get pods").failed)
    }
}
