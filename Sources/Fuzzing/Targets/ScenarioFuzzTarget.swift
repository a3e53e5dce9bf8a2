import Commands
import Foundation

/// `scenario`: a scenario file as `--scenario FILE` reads it (ScenarioParser): a description and
/// steps (run, caption, sleep, wait, pause). Any text either loads or is refused with the
/// parser's own error, naming the file; never a trap, never another kind of error.
final class ScenarioFuzzTarget: FuzzTarget {
    let name = "scenario"
    let summary = "a scenario file (YAML): description, run/caption/sleep/wait/pause steps"
    static let file = "fuzz-scenario.yaml"

    /// The built-in scenarios, and YAML's troubles.
    var seeds: [[UInt8]] {
        let builtIns = ScenarioLibrary.names.compactMap { name in
            ScenarioLibrary.directory.flatMap { FileManager.default.contents(atPath: $0.appendingPathComponent("\(name).yaml").path) }.map(Array.init)
        }
        let minimal = "description: one of each\nsteps:\n  - run: kubectl get pods\n  - caption: hi\n  - sleep: 2s\n  - wait: {for: \"deployment/web available\", timeout: 1m}\n  - pause\n"
        return builtIns + [minimal, ManifestSeeds.aliasBomb, ManifestSeeds.deepNesting].map { Array($0.utf8) }
    }

    var dictionary: [[UInt8]] {
        (["description: ", "steps:\n", "  - ", "run: ", "caption: ", "sleep: ", "wait: ", "pause", "for: ", "timeout: ",
          "kubectl ", "get pods", "deployment/web available", "pods -l app=web running=3", "rollout", "deleted", "ready",
          "10s", "2m", "1h", "-1s", "0s", "2562048h", "1e9s", "{", "}", "[", "]", ": ", ", ", "\"", "'", "|\n", ">-\n",
          "&a ", "*a", "<<: *a", "~", "null", "\t", "\n", "#"])
            .map { Array($0.utf8) }
    }

    func run(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour {
        do {
            let scenario = try ScenarioParser.parse(String(decoding: input, as: UTF8.self), file: Self.file)
            guard !scenario.steps.isEmpty, !scenario.description.contains(where: \.isNewline) else {
                throw FuzzFinding("a scenario loaded without steps or with a description of several lines")
            }
            return FuzzBehaviour("loaded with \(scenario.steps.count) steps")
        } catch let finding as FuzzFinding {
            throw finding
        } catch let error as ScenarioError {
            return try FuzzChecks.fileRefusal(error.description, file: Self.file, what: "scenario")
        } catch {
            throw FuzzFinding("a scenario refused with \(type(of: error)), not ScenarioError: \(String(describing: error).prefix(120))")
        }
    }
}
