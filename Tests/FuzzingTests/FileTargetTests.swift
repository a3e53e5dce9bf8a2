import Testing
@testable import Fuzzing

/// The promises of the file and key targets, on inputs whose answer is known: a bad manifest is
/// refused in kubectl's words with the cluster unchanged (the target would throw otherwise),
/// parsers refuse with their own errors, and the inputs that found bugs now pass.
@Suite struct FileTargetTests {
    @Test func aBrokenManifestIsRefusedInKubectlsWords() throws {
        let target = ManifestYAMLFuzzTarget()
        // An alias bomb, a mapping used as a key (once shown as Yams' description), a tab.
        let bomb = try target.run(Array(ManifestSeeds.aliasBomb.utf8))
        #expect(bomb.signature.hasPrefix("refused error error parsing"), "\(bomb.signature)")
        let key = try target.run(Array("apiVersion: v1\nkind: Pod\n? {name: x}\n: y\n".utf8))
        #expect(key.signature.hasPrefix("refused error error parsing"), "\(key.signature)")
        let created = try target.run(Array(ManifestSeeds.webApp.utf8))
        #expect(created.signature.hasPrefix("ran") || created.signature.contains("already exists"), "\(created.signature)")
    }

    @Test func theJSONSeedsAreListsOfTheSameObjects() throws {
        let seeds = ManifestSeeds.json
        #expect(seeds.count >= 10)
        #expect(seeds[0].contains(#""kind": "List""#) && seeds[0].contains(#""kind": "Deployment""#) && seeds[0].contains(#""kind": "Service""#))
        let target = ManifestJSONFuzzTarget()
        for seed in seeds { _ = try target.run(Array(seed.utf8)) }
    }

    @Test func wordingOutsideKubectlsIsAFinding() {
        #expect(throws: FuzzFinding.self) { try FuzzChecks.kubectlWording("Fatal error: index out of range") }
        #expect(throws: Never.self) { try FuzzChecks.kubectlWording("Error from server (NotFound): pods \"x\" not found") }
    }

    @Test func parsersRefuseWithTheirOwnErrors() throws {
        let theme = try ThemeFuzzTarget().run(Array("name: x\nstyles: [1]\n".utf8))
        #expect(theme.signature.hasPrefix("refused styles expected"), "\(theme.signature)")
        let scenario = try ScenarioFuzzTarget().run(Array("description: x\nsteps:\n  - wiat: 1\n".utf8))
        #expect(scenario.signature.hasPrefix("refused step"), "\(scenario.signature)")
        #expect(try ThemeFuzzTarget().run(ThemeFuzzTarget().seeds[0]).signature.hasPrefix("loaded"))
        #expect(try ScenarioFuzzTarget().run(ScenarioFuzzTarget().seeds[0]).signature.hasPrefix("loaded"))
    }

    @Test func anyHistoryBytesLoadAndSaveAgain() throws {
        let target = HistoryFuzzTarget()
        #expect(try target.run([0xff, 0xfe, 0x0a, 0x0d]).signature == "some mended returns")
        #expect(try target.run([]).signature == "empty")
    }

    /// `:`, `a`, a combining accent, `b`: the accent merged with `a` and the cursor ran past
    /// the end of the command line, which trapped on `b`. Then frames at the smallest and the
    /// largest sizes.
    @Test func keysThatOnceTrappedNowRunAndFramesKeepTheirSize() throws {
        let target = KeysFuzzTarget()
        #expect(KeysFuzzTarget.press(for: 0xa3) == .key(.character("\u{301}")))
        let accent = try target.run([0x3a, 0x61, 0xa3, 0x62, 0x0a])
        #expect(accent.signature.hasPrefix("normal"), "\(accent.signature)")
        let first = try #require(KeysFuzzTarget.sizes.firstIndex { $0 == (1, 1) })
        let last = try #require(KeysFuzzTarget.sizes.firstIndex { $0 == (300, 100) })
        _ = try target.run([0x90 + UInt8(first), 0x3f, 0x90 + UInt8(last), 0x1b, 0x33, 0x6a, 0x6a, 0x4c, 0x1d, 0x90 + UInt8(first)])
    }

    /// The input `keys` hung on: on the Deployments pane, `s` and 2147483647, then ten seconds
    /// of clock. The clock stops once the cluster passes the target's pod limit, and the next
    /// input gets a fresh dashboard instead of carrying the scale on.
    @Test func aScaleToTheLargestInt32StopsTheClockAndTheNextInputStartsAfresh() throws {
        let target = KeysFuzzTarget()
        let scale = Array("2s\u{7f}\u{7f}2147483647\n".utf8) + Array(repeating: 0x1e, count: 10)
        let answer = try target.run(scale)
        #expect(answer.signature.contains("Deployments"), "\(answer.signature)")
        let grown = KeysFuzzTarget.pods(in: target.currentDashboard)
        // At most a virtual second of creations past the limit (some 5,000), not the ten asked for.
        #expect(grown > KeysFuzzTarget.podLimit && grown < KeysFuzzTarget.podLimit + 6_000, "\(grown) pods")
        _ = try target.run([0x1e])
        #expect(KeysFuzzTarget.pods(in: target.currentDashboard) < 10)
    }

    /// An input fed to a dashboard that earlier inputs left on the Deployments pane is saved as
    /// a session of them all, and a fresh target replaying it answers as the run did; the input
    /// alone, on a fresh dashboard, does something else. Bytes past the keys read count only
    /// for the terminal size, and the session keeps that.
    @Test func aSavedKeysInputReplaysWithTheInputsBeforeIt() throws {
        let target = KeysFuzzTarget()
        _ = try target.run(Array("2".utf8) + Array(repeating: 0x1f, count: 200))
        let scale = Array("s\u{7f}\u{7f}9\n".utf8) + Array(repeating: 0x1d, count: 4)
        let saved = target.replayForm(of: scale)
        #expect(saved.starts(with: KeysFuzzTarget.sessionHeader))
        #expect(saved.count < 200)
        let answer = try target.run(scale)
        #expect(answer.signature.contains("Deployments"), "\(answer.signature)")

        let replayed = try KeysFuzzTarget().replay(saved)
        #expect(replayed == answer)
        #expect(try KeysFuzzTarget().replay(scale) != answer)
        // A first input goes to a fresh dashboard: saved as it is.
        #expect(KeysFuzzTarget().replayForm(of: scale) == scale)
    }

    /// A dashboard let go must be freed with its cluster: here the test itself keeps the store,
    /// as a reference cycle did (a node added with `n` and let go before it was Ready), and the
    /// input that starts afresh reports it, saved with the session that kept it.
    @Test func aClusterKeptAfterItsDashboardIsLetGoIsAFinding() throws {
        let target = KeysFuzzTarget()
        let kept = target.currentDashboard.session.cluster.store
        withExtendedLifetime(kept) {
            for _ in 0..<KeysFuzzTarget.inputsPerDashboard { _ = try? target.run([0x6a, 0x1c]) }
            let next: [UInt8] = [0x6b]
            #expect(target.replayForm(of: next).starts(with: KeysFuzzTarget.sessionHeader))
            let finding = #expect(throws: FuzzFinding.self) { try target.run(next) }
            #expect(finding?.problem.contains("was not freed") == true, "\(String(describing: finding))")
            do throws(FuzzFinding) { _ = try target.run(next) } catch { Issue.record("a fresh dashboard's first input: \(error.problem)") }
        }
    }
}
