import Foundation
import Testing

/// The seed post's kubectl session (Tests/CommandsTests/Fixtures/transcript.txt) through the
/// real kubectl 1.33 against `kubesim serve --seed 1`: every command exits 0 and prints what
/// `kubesim run --seed 1` prints for the same script, ages aside. Both run `--bare`: without
/// the system pods, the seeded draws (pod names) do not depend on when kubectl's first
/// command arrives. The script's sleeps become
/// bounded polls: each `get` is repeated until the cluster reaches the state the script shows.
@Suite struct TranscriptEndToEndTests {
    static func transcript() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CommandsTests/Fixtures/transcript.txt")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// `kubesim run`'s output split at its `$ LINE` echoes: each command with what it printed.
    static func headlessSections(_ output: String) -> [(command: String, output: String)] {
        var sections: [(command: String, output: String)] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("$ ") {
                sections.append((String(line.dropFirst(2)), ""))
            } else if !sections.isEmpty, !(line.isEmpty && sections[sections.count - 1].output.isEmpty) {
                sections[sections.count - 1].output += line + "\n"
            }
        }
        return sections.map { ($0.command, $0.output.hasSuffix("\n\n") ? String($0.output.dropLast()) : $0.output) }
    }

    /// A describe's lines with the parts that tell the time left out: the creation timestamp
    /// line, runs of spaces (column widths follow the ages), ages and times themselves.
    static func describeLines(_ text: String) -> [String] {
        text.split(separator: "\n").filter { !$0.hasPrefix("CreationTimestamp:") && !$0.hasPrefix("Start Time:") }.map { line in
            line.replacing(/[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000/, with: "TIME").split(separator: " ", omittingEmptySubsequences: true).map { word in
                word.wholeMatch(of: /(\d+[smhdy])+|<invalid>/) != nil ? "AGE" : String(word)
            }.joined(separator: " ")
        }
    }

    @Test func theSeedPostsSessionPrintsWhatKubesimRunPrints() throws {
        let script = try Self.transcript()
        let headless = try ProcessRunner.run(try HeadlessBinaryTests.binary().path, ["run", "--seed", "1", "--bare"], stdin: script, timeout: 60)
        #expect(headless.status == 0, "\(headless)")
        let expected = Self.headlessSections(headless.stdout)
        let getTable = KubectlGetEndToEndTests()

        guard let server = try KubesimServer.startForTest(arguments: ["--seed", "1", "--bare", "--speed", "30"]) else { return }
        defer { server.stop() }
        var commands = 0
        for (command, output) in expected {
            let words = shellWords(command)
            guard words.first == "kubectl" else { continue }  // comments and sleeps: the polls wait instead
            let arguments = Array(words.dropFirst())
            commands += 1
            let real: ProcessResult
            switch arguments.first {
            case "get" where arguments.contains(where: { $0.hasPrefix("jsonpath") }):
                // kubectl ends jsonpath output without a newline; `kubesim run` ends the section with one.
                real = try server.kubectl(arguments, until: { $0.stdout + "\n" == output })
                #expect(real.stdout + "\n" == output, "\(command)\n--- real kubectl\n\(real)")
            case "get":
                real = try server.kubectl(arguments, until: { getTable.cells($0.stdout) == getTable.cells(output) })
                #expect(getTable.cells(real.stdout) == getTable.cells(output),
                        "\(command)\n--- real kubectl\n\(real.stdout)\(real.stderr)--- kubesim run\n\(output)")
            case "describe":
                real = try server.kubectl(arguments, until: { Self.describeLines($0.stdout) == Self.describeLines(output) })
                #expect(Self.describeLines(real.stdout) == Self.describeLines(output),
                        "\(command)\n--- real kubectl\n\(real.stdout)\(real.stderr)--- kubesim run\n\(output)")
            default:
                real = try server.kubectl(arguments)
                #expect(real.stdout == output, "\(command)\n--- real kubectl\n\(real)")
            }
            #expect(real.status == 0, "\(command): \(real)")
        }
        #expect(commands == 13)
        // The delete's replacement (another name, Running) and the scale's three pods, as the
        // gets after them show them (and the real kubectl's gets matched those tables above).
        let deleteIndex = try #require(expected.firstIndex { $0.command.hasPrefix("kubectl delete pod") })
        let deleted = expected[deleteIndex].output
        let afterDelete = getTable.cells(expected[deleteIndex + 1].output).dropFirst()
        #expect(afterDelete.count == 1 && afterDelete.allSatisfy { $0.contains("Running") && !deleted.contains($0[0]) }, "\(afterDelete)")
        let last = try #require(expected.last(where: { $0.command == "kubectl get pods" }))
        #expect(getTable.cells(last.output).dropFirst().filter { $0.contains("Running") }.count == 3)
    }
}
