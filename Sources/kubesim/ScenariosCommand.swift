import ArgumentParser
import Commands
import Foundation

/// `kubesim scenarios`: the built-in scenarios, one line each, aligned like `kubectl get`.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the built-in scenarios (play one with `kubesim run --scenario NAME`)."
    )

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
        FileHandle.standardOutput.write(Data(TabWriter.format(rows).utf8))
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
