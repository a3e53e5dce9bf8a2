import Testing

/// What `kubesim --help` and `kubesim scenarios` tell a newcomer, from the real binary.
@Suite struct HelpTextTests {
    @Test func rootHelpListsTheDashboardsOptionsAndTheSubcommands() throws {
        let help = try HeadlessBinaryTests.run(["--help"])
        #expect(help.status == 0)
        // The dashboard is the default subcommand: its options are the root's.
        for option in ["--scenario <scenario>", "--autoplay", "--loop", "--theme <theme>", "--record <record>", "--preset <name>", "--seed <seed>"] {
            #expect(help.stdout.contains("\n  \(option)"), "\(option) in kubesim --help")
        }
        #expect(help.stdout.contains("USAGE: kubesim [--preset <name>] [--theme <theme>]"))
        #expect(help.stdout.contains("\n       kubesim <subcommand>\n"))
        for subcommand in ["dashboard (default)", "run", "serve", "kubeconfig", "scenarios", "export"] {
            #expect(help.stdout.contains("\n  \(subcommand) "), "\(subcommand) in kubesim --help")
        }
        // Wrapped once, at the help's width: every line of the options block stays indented.
        let block = help.stdout.components(separatedBy: "DASHBOARD OPTIONS:\n").last?.components(separatedBy: "\n\nUSAGE:").first ?? ""
        #expect(block.split(separator: "\n").count >= 10)
        #expect(block.split(separator: "\n").allSatisfy { $0.hasPrefix("  ") }, "\(block)")
        #expect(try HeadlessBinaryTests.run(["-h"]).stdout == help.stdout)
    }

    @Test func scenariosTellsHowToPresentOne() throws {
        let result = try HeadlessBinaryTests.run(["scenarios"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("NAME ") == true)
        #expect(lines.contains { $0.hasPrefix("self-healing ") })
        #expect(lines.contains { $0.hasPrefix("rolling-update ") && $0.contains("Roll out a new image") })
        #expect(lines.contains { $0.hasPrefix("drain-with-budget ") && $0.contains("PodDisruptionBudget") })
        #expect(result.stdout.contains("  kubesim --scenario NAME"))
        #expect(result.stdout.contains("PageDown or →"))
        #expect(result.stdout.contains("PageUp or ←"))
        #expect(result.stdout.contains("--autoplay"))
        #expect(result.stdout.contains("--loop"))
        #expect(result.stdout.contains("kubesim run --scenario NAME"))
    }
}
