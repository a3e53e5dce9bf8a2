import ArgumentParser
import Commands
import Foundation

/// `kubesim scenarios`: the built-in scenarios, one line each, aligned like `kubectl get`, then
/// how to present one on the dashboard and how to rehearse it.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the built-in scenarios and how to present one (`kubesim --scenario NAME`).",
        discussion: howTo
    )

    /// Printed under the list: the presenter's keys first, since presenting is what it is for.
    static let howTo = """
        Present one on the dashboard:
          kubesim --scenario NAME [--theme high-contrast] [--seed N]
          PageDown or →   play the next part; a part played before is shown again,
                          its steps are not run again
          PageUp or ←     show the previous part again (the cluster is not rewound)
          Esc, ↑ ↓        close or scroll the command output under the node map
          --autoplay      play every part by itself, a few seconds apart
          --loop          with --autoplay, start over on a fresh cluster (a booth)
        Rehearse it without a screen (the same seed gives the same names):
          kubesim run --scenario NAME [--seed N]
        NAME may also be the PATH of a scenario file of your own.
        """

    func run() throws {
        let scenarios: [Scenario]
        do {
            scenarios = try ScenarioLibrary.builtIns()
            if scenarios.isEmpty { throw ScenarioError(ScenarioLibrary.missingBuiltIns) }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let rows = [["NAME", "DESCRIPTION"]] + scenarios.map { [$0.name, $0.description] }
        FileHandle.standardOutput.write(Data((TabWriter.format(rows) + "\n" + Self.howTo + "\n").utf8))
    }
}

extension RunCommand {
    /// `kubesim run --scenario NAME|PATH`: plays a scenario headless; exits 1 at the first step
    /// that fails, naming it.
    func runScenario(_ nameOrPath: String) throws {
        let scenario: Scenario
        do {
            scenario = try ScenarioLibrary.load(nameOrPath: nameOrPath)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        // makeSession: a scenario may start from `--file` manifests like any run.
        let ok = ScenarioRunner.run(scenario, session: try options.makeSession()) { stream, chunk in
            let handle = stream == .out ? FileHandle.standardOutput : FileHandle.standardError
            handle.write(Data(chunk.utf8))
        }
        if !ok { throw ExitCode(1) }
    }
}
