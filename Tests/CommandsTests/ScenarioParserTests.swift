import Testing
@testable import Cluster
@testable import Commands

/// Reading scenario files, and the errors a person editing one gets.
@Suite struct ScenarioParserTests {
    let file = "scenarios/x.yaml"

    func parse(_ yaml: String) throws -> Scenario { try ScenarioParser.parse(yaml, file: file) }

    func error(_ yaml: String) -> String? {
        do {
            _ = try parse(yaml)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func readsEveryKindOfStep() throws {
        let scenario = try parse("""
            # comments are fine
            description: A demo
            steps:
              - caption: "Delete the pod: it comes back"
              - run: kubectl delete pod -l app=web --wait=false
              - sleep: 1m30s
              - wait: {for: "pods -l app=web running=3", timeout: 60s}
              - pause
              - wait:
                  for: node/node-2 NotReady
                  timeout: 2m
              - pause:
            """)
        #expect(scenario == Scenario(name: "x", description: "A demo", steps: [
            .caption("Delete the pod: it comes back"),
            .run("kubectl delete pod -l app=web --wait=false"),
            .sleep(.seconds(90)),
            .wait(condition: .podsRunning(selector: "app=web", count: 3), timeout: .seconds(60)),
            .pause,
            .wait(condition: .node("node-2", ready: false), timeout: .seconds(120)),
            .pause,
        ]))
    }

    @Test func unknownStep() {
        let steps = "description: d\nsteps:\n  - run: kubectl get pods\n  - caption: hi\n"
        #expect(error(steps + "  - wiat: {for: \"node/node-1 Ready\", timeout: 5s}\n")
                == #"scenarios/x.yaml: step 3: expected one of run, caption, sleep, wait, pause, got "wiat""#)
        #expect(error(steps + "  - paus\n")
                == #"scenarios/x.yaml: step 3: expected one of run, caption, sleep, wait, pause, got "paus""#)
        #expect(error(steps + "  - run: a\n    caption: b\n")
                == "scenarios/x.yaml: step 3: expected one of run, caption, sleep, wait, pause (one per step), got 2 keys: run, caption")
        #expect(error(steps + "  - [run, x]\n")
                == "scenarios/x.yaml: step 3: expected one of run, caption, sleep, wait, pause, got a list")
    }

    @Test func badDuration() {
        #expect(error("description: d\nsteps:\n  - sleep: 5\n")
                == #"scenarios/x.yaml: step 1: sleep: expected a duration like 10s or 2m, got "5""#)
        #expect(error("description: d\nsteps:\n  - pause\n  - wait: {for: \"node/node-1 Ready\", timeout: soon}\n")
                == #"scenarios/x.yaml: step 2: wait: timeout: expected a duration like 10s or 2m, got "soon""#)
        #expect(error("description: d\nsteps:\n  - wait: {for: \"node/node-1 Ready\"}\n")
                == "scenarios/x.yaml: step 1: wait: timeout: expected a duration like 10s or 2m, got nothing")
    }

    @Test func unknownCondition() {
        let yaml = """
            description: d
            steps:
              - run: kubectl create deployment web --image=nginx
              - caption: c
              - sleep: 1s
              - wait: {for: "pods running", timeout: 60s}
            """
        #expect(error(yaml) == """
            scenarios/x.yaml: step 4: wait: unknown condition "pods running"; expected deployment/NAME available, \
            pods -l SELECTOR running=N, node/NAME Ready|NotReady, pod/NAME Running|gone
            """)
        #expect(error("description: d\nsteps:\n  - wait: {fr: \"node/a Ready\", timeout: 1s}\n")
                == #"scenarios/x.yaml: step 1: wait: expected one of for, timeout, got "fr""#)
        #expect(error("description: d\nsteps:\n  - wait: node/a Ready\n")
                == #"scenarios/x.yaml: step 1: wait: expected a mapping with for and timeout, got "node/a Ready""#)
    }

    @Test func stepsNotAList() {
        #expect(error("description: d\nsteps:\n  run: kubectl get pods\n")
                == "scenarios/x.yaml: steps: expected a list of steps, got a mapping")
        #expect(error("description: d\nsteps: kubectl get pods\n")
                == #"scenarios/x.yaml: steps: expected a list of steps, got "kubectl get pods""#)
        #expect(error("description: d\n") == "scenarios/x.yaml: steps: expected a list of steps, got nothing")
        #expect(error("description: d\nsteps: []\n") == "scenarios/x.yaml: steps: expected at least one step, got an empty list")
    }

    @Test func topLevelProblems() {
        #expect(error("- run: x\n") == "scenarios/x.yaml: expected a mapping with description and steps, got a list")
        #expect(error("") == "scenarios/x.yaml: expected a mapping with description and steps, got nothing")
        #expect(error("steps:\n  - pause\n") == "scenarios/x.yaml: description: expected one line of text, got nothing")
        #expect(error("description: d\nstep:\n  - pause\n") == #"scenarios/x.yaml: expected one of description, steps, got "step""#)
        #expect(error("description: |\n  two\n  lines\nsteps:\n  - pause\n")
                == "scenarios/x.yaml: description: expected one line of text, got several lines")
        #expect(error("description: d\nsteps:\n  - run: [\n")?.hasPrefix("scenarios/x.yaml: expected valid YAML, got ") == true)
    }

    @Test func emptyValues() {
        #expect(error("description: d\nsteps:\n  - run:\n") == "scenarios/x.yaml: step 1: run: expected a command, got nothing")
        #expect(error("description: d\nsteps:\n  - caption: {a: b}\n") == "scenarios/x.yaml: step 1: caption: expected text, got a mapping")
        #expect(error("description: d\nsteps:\n  - pause: now\n") == #"scenarios/x.yaml: step 1: pause: expected nothing, got "now""#)
    }
}
