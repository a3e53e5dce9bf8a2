import ArgumentParser
import Commands
import Foundation

/// `--scenario NAME|PATH` as the dashboard and `serve` read it: nil when not given; a scenario
/// that cannot be loaded is reported on standard error and ends the program with status 1.
func loadScenarioOption(_ nameOrPath: String?) throws -> Scenario? {
    guard let nameOrPath else { return nil }
    do {
        return try ScenarioLibrary.load(nameOrPath: nameOrPath)
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(1)
    }
}
