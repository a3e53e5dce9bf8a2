import Foundation
import Testing
@testable import Cluster
@testable import Commands

/// The inputs a fuzzer found to crash or hang the simulator (numbers past int32/int64, enormous
/// quantities, durations and grace periods, alias bombs) are refused in kubectl's or the API
/// server's words, or handled without trapping, and a refused line leaves the cluster as it was.
@Suite struct InputBoundsTests {
    static let quantityRule = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

    /// (command, standard error)
    static let refused: [(String, String)] = [
        ("scale deployment/web --replicas=99999999999999999999",
         "error: invalid argument \"99999999999999999999\" for \"--replicas\" flag: strconv.ParseInt: parsing \"99999999999999999999\": value out of range\nSee 'kubectl scale --help' for usage."),
        ("create deployment big --image=nginx --replicas=4294967296",
         "error: invalid argument \"4294967296\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"4294967296\": value out of range\nSee 'kubectl create deployment --help' for usage."),
        ("create deployment big --image=nginx --port=2147483648",
         "error: invalid argument \"2147483648\" for \"--port\" flag: strconv.ParseInt: parsing \"2147483648\": value out of range\nSee 'kubectl create deployment --help' for usage."),
        ("create deployment big --image=nginx --port=70000",
         "error: failed to create deployment: Deployment.apps \"big\" is invalid: spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"),
        ("delete pod POD --grace-period=9223372036854775808",
         "error: invalid argument \"9223372036854775808\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"9223372036854775808\": value out of range\nSee 'kubectl delete --help' for usage."),
        ("delete pod POD --timeout=9999999999999999999s",
         "error: invalid argument \"9999999999999999999s\" for \"--timeout\" flag: time: invalid duration \"9999999999999999999s\"\nSee 'kubectl delete --help' for usage."),
        ("drain node-1 --timeout=5parsecs",
         "error: invalid argument \"5parsecs\" for \"--timeout\" flag: time: unknown unit \"parsecs\" in duration \"5parsecs\"\nSee 'kubectl drain --help' for usage."),
        ("sleep 9999999999999999999s", "error: time: invalid duration \"9999999999999999999s\""),
        ("sleep 10", "error: time: missing unit in duration \"10\""),
        ("sleep -5s", "error: invalid sleep \"-5s\": the duration must not be negative"),
        ("sleep 2562047h", "error: invalid sleep \"2562047h\": kubesim sleeps at most 8760h0m0s at a time"),
        ("sim add-node --memory 1e30Gi", "error: invalid argument \"1e30Gi\" for \"--memory\" flag: \(quantityRule)"),
        ("sim add-node --cpu 1ki", "error: invalid argument \"1ki\" for \"--cpu\" flag: unable to parse quantity's suffix"),
        ("sim add-node --cpu 0", "error: invalid argument \"0\" for \"--cpu\" flag: a node's cpu must be greater than 0"),
    ]

    /// A shell with a running two-pod deployment, as the refused lines find it.
    static func webShell() -> Shell {
        let shell = Shell()
        shell.run("create deployment web --image=nginx --replicas=2")
        shell.advance(10)
        return shell
    }

    @Test(arguments: refused)
    func outOfRangeInputIsRefusedAndChangesNothing(_ command: String, _ expected: String) {
        let shell = Self.webShell()
        let pod = shell.names("get pods")[0]
        let before = clusterFingerprint(shell)
        let pods = shell.out("get pods")
        let output = shell.run(command.replacingOccurrences(of: "POD", with: pod))
        #expect(output.failed)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr == expected + "\n")
        #expect(clusterFingerprint(shell) == before)
        #expect(shell.out("get pods") == pods)
    }

    /// kubectl sends the count as a merge patch to the scale subresource; the API server cannot
    /// decode the patched Scale (spec.replicas is int32) and quotes it in an Invalid error.
    @Test(arguments: ["2147483648", "4294967296"])
    func scalingBeyondInt32IsTheAPIServersInvalidPatch(_ count: String) {
        let shell = Self.webShell()
        let before = clusterFingerprint(shell)
        let pods = shell.out("get pods")
        let meta = ["creationTimestamp", "resourceVersion", "uid"].map { shell.out("get deploy web -o jsonpath={.metadata.\($0)}") }
        let output = shell.run("scale deployment/web --replicas=\(count)")
        #expect(output.failed)
        #expect(output.stdout.isEmpty)
        let patched = #"{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"creationTimestamp\":\""#
            + meta[0] + #"\",\"name\":\"web\",\"namespace\":\"default\",\"resourceVersion\":\""# + meta[1] + #"\",\"uid\":\""# + meta[2]
            + #"\"},\"spec\":{\"replicas\":"# + count + #"},\"status\":{\"replicas\":2,\"selector\":\"app=web\"}}"#
        #expect(output.stderr == "The request is invalid: patch: Invalid value: \"\(patched)\": json: cannot unmarshal number \(count) into Go struct field ScaleSpec.spec.replicas of type int32\n")
        #expect(clusterFingerprint(shell) == before)
        #expect(shell.out("get pods") == pods)
    }

    @Test func replicaCountsInManifestsAreInt32() throws {
        let folder = try ManifestFolder()
        let cases: [(String, String, String)] = [
            ("replicas", SampleManifests.deployment(replicas: "4294967296"),
             "DeploymentSpec.spec.replicas"),
            ("containerPort", SampleManifests.deployment(extra: "\n        ports:\n        - containerPort: 4294967296"),
             "ContainerPort.spec.template.spec.containers.ports.containerPort"),
            ("maxSurge", SampleManifests.deployment().replacingOccurrences(of: "  replicas: 2\n", with: "  replicas: 2\n  strategy:\n    rollingUpdate:\n      maxSurge: 99999999999\n"),
             "RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge"),
        ]
        for (name, manifest, field) in cases {
            let shell = Self.webShell()
            let before = clusterFingerprint(shell)
            let file = try folder.write("\(name).yaml", manifest)
            let number = name == "maxSurge" ? "99999999999" : "4294967296"
            let output = shell.run("apply -f \(file)")
            #expect(output.failed, "\(name)")
            #expect(output.stderr == "Error from server (BadRequest): error when creating \"\(file)\" (document 1): Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal number \(number) into Go struct field \(field) of type int32\n", "\(name)")
            #expect(clusterFingerprint(shell) == before, "\(name)")
        }
    }

    @Test func hugeQuantitiesInManifestsNeverTrap() throws {
        let folder = try ManifestFolder()
        let shell = Self.webShell()
        let before = clusterFingerprint(shell)
        let malformed = try folder.write("bad.yaml", SampleManifests.deployment(extra: "\n        resources:\n          requests:\n            memory: 1e30Gi"))
        let refused = shell.run("apply -f \(malformed)")
        #expect(refused.stderr == "Error from server (BadRequest): error when creating \"\(malformed)\" (document 1): Deployment in version \"v1\" cannot be handled as a Deployment: \(Self.quantityRule)\n")
        #expect(clusterFingerprint(shell) == before)
        // A well-formed but enormous request is legal; it never fits a node, so the pods wait.
        let enormous = try folder.write("big.yaml", SampleManifests.deployment(extra: "\n        resources:\n          requests:\n            cpu: \"99999999999999999999\"\n            memory: 8Ei"))
        #expect(!shell.run("apply -f \(enormous)").failed)
        shell.advance(5)
        let pending = shell.rows("get pods").filter { $0["NAME"]!.hasPrefix("other-") }
        #expect(pending.count == 2)
        #expect(pending.allSatisfy { $0["STATUS"] == "Pending" })
        #expect(shell.out("describe pods -l app=other").contains("0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory."))
    }

    @Test func enormousNodesScheduleAndDescribeWithoutTrapping() {
        let shell = Self.webShell()
        #expect(shell.out("sim add-node huge --cpu 99999999999999999999 --memory 8Ei") == "node/huge added\n")
        shell.advance(5)
        #expect(!shell.run("scale deployment/web --replicas=12").failed)
        shell.advance(10)
        let rows = shell.rows("get pods -o wide")
        #expect(rows.count == 12)
        #expect(rows.allSatisfy { $0["STATUS"] == "Running" })
        #expect(rows.contains { $0["NODE"] == "huge" })
        let node = shell.out("describe node huge")
        #expect(node.contains("cpu:                9223372036854775807m"))
        #expect(node.contains("memory:             9223372036854775807"))
    }

    @Test func aPodBoundByNameMayOverflowItsNodeWithoutTrapping() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        let file = try folder.write("bound.yaml", """
            apiVersion: v1
            kind: Node
            metadata:
              name: tiny
            status:
              capacity:
                cpu: 1m
                memory: 1Mi
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: greedy
            spec:
              nodeName: tiny
              containers:
              - name: c
                image: nginx
                resources:
                  requests:
                    cpu: "99999999999999999999"
                    memory: 8Ei

            """)
        #expect(!shell.run("apply -f \(file)").failed)
        shell.advance(5)
        let node = shell.out("describe node tiny")
        #expect(node.contains("cpu                9223372036854775807m (9223372036854775807%)"))
        #expect(node.contains("memory             9223372036854775807 (879609302220800%)"))
    }

    @Test func theLongestGracePeriodIsAcceptedWithoutTrapping() {
        let shell = Self.webShell()
        let pod = shell.names("get pods")[0]
        let node = shell.rows("get pods -o wide").first { $0["NAME"] == pod }!["NODE"]!
        shell.run("sim fail \(node)") // its kubelet cannot confirm, so the pod stays Terminating
        let deleted = shell.run("delete pod \(pod) --grace-period=9223372036854775807 --wait=false")
        #expect(deleted.stdout == "pod \"\(pod)\" deleted\n")
        #expect(shell.out("get pod \(pod) -o jsonpath={.metadata.deletionGracePeriodSeconds}") == "9223372036854775807")
        #expect(shell.out("describe pod \(pod)").contains("Termination Grace Period:  9223372036854775807s"))
        shell.advance(60)
        #expect(shell.rows("get pods").first { $0["NAME"] == pod }?["STATUS"] == "Terminating")
    }

    // MARK: YAML limits

    /// Nine levels of nine aliases: a billion "lol"s if expanded.
    static let billionLaughs: String = {
        var lines = ["apiVersion: v1", "kind: Pod", "metadata:", "  name: lol", "  annotations:",
                     "    a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            lines.append("    \(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
            previous = name
        }
        return (lines + ["spec:", "  containers:", "  - name: c", "    image: nginx", ""]).joined(separator: "\n")
    }()

    @Test func anAliasBombInAManifestIsAnErrorAndChangesNothing() throws {
        let folder = try ManifestFolder()
        let shell = Self.webShell()
        let before = clusterFingerprint(shell)
        let pods = shell.out("get pods")
        let file = try folder.write("bomb.yaml", Self.billionLaughs)
        let output = shell.run("apply -f \(file)")
        #expect(output.failed)
        #expect(output.stderr == "error: error parsing \(file) (document 1): error converting YAML to JSON: yaml: document contains excessive aliasing\n")
        #expect(clusterFingerprint(shell) == before)
        #expect(shell.out("get pods") == pods)
    }

    @Test func aliasesOfCollectionsAsKeysAreRefusedBeforeTheyAreHashed() {
        let yaml = "a: &a [1, 2, 3]\nb: &b [*a, *a, *a]\nc:\n  ? *b\n  : x\n"
        #expect(throws: YAMLLimitError.collectionKey(line: 4, alias: "b")) { try YAMLLimits.compose(yaml) }
        #expect(throws: YAMLLimitError.collectionKey(line: 3, alias: "b")) { try YAMLLimits.compose("a: &a [1]\nb: &b {x: *a}\n*b : 1\n") }
        // libyaml makes `*b junk` in a flow list a key of its own, and a key may hold an alias
        // deeper down (the first took 17 s on a billion laughs; found by kubesim fuzz manifest-yaml).
        #expect(throws: YAMLLimitError.collectionKey(line: 3, alias: "b")) { try YAMLLimits.compose("a: &a [1]\nb: &b [*a, *a]\nc: [*b, *b \u{ff}e: 1]\n") }
        #expect(throws: YAMLLimitError.collectionKey(line: 3, alias: "b")) { try YAMLLimits.compose("a: &a [1]\nb: &b [*a]\n? [x, {y: *b}]\n: 1\n") }
        // A scalar alias as a key, and collection aliases as values, are ordinary YAML.
        #expect((try? YAMLLimits.compose("k: &k name\nm:\n  *k : 1\n")) != nil)
        #expect((try? YAMLLimits.compose("a: &a [1]\nm: {x: *a, y: [*a, *a]}\nn:\n- <<: *a\n  z: *a\n")) != nil)
    }

    @Test func modestAliasingAndLargeDocumentsWithinTheLimitsAreRead() throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        let manifest = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: &labels
                app: web
            spec:
              replicas: 2
              selector:
                matchLabels: *labels
              template:
                metadata:
                  labels: *labels
                spec:
                  containers:
                  - name: nginx
                    image: nginx

            """
        let file = try folder.write("aliases.yaml", manifest)
        #expect(shell.run("apply -f \(file)").stdout == "deployment.apps/web created\n")
        // 10,000 plain list items: many nodes, no aliases.
        let list = "[" + Array(repeating: "x", count: 10_000).joined(separator: ",") + "]"
        #expect((try? YAMLLimits.compose("items: \(list)\n")) != nil)
    }

    @Test func documentsOverTheAPIServersLimitAreRefused() throws {
        let folder = try ManifestFolder()
        let shell = Self.webShell()
        let before = clusterFingerprint(shell)
        let padding = String(repeating: "x", count: YAMLLimits.maxDocumentBytes)
        let file = try folder.write("huge.yaml", SampleManifests.deployment().replacingOccurrences(of: "metadata:\n", with: "metadata:\n  annotations: {pad: \(padding)}\n"))
        let output = shell.run("apply -f \(file)")
        #expect(output.stderr == "Error from server (RequestEntityTooLarge): error when creating \"\(file)\" (document 1): Request entity too large: limit is 3145728\n")
        #expect(clusterFingerprint(shell) == before)
    }

    @Test func scenarioDurationsAreGoDurationsWithinAYear() {
        func error(_ sleep: String) -> String? {
            do {
                _ = try ScenarioParser.parse("description: d\nsteps:\n  - sleep: \(sleep)\n", file: "x.yaml")
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(error("9999999999999999999s") == #"x.yaml: step 1: sleep: expected a duration like 10s or 2m, got "9999999999999999999s""#)
        #expect(error("-5s") == #"x.yaml: step 1: sleep: expected a duration like 10s or 2m, got "-5s""#)
        #expect(error("9000h") == #"x.yaml: step 1: sleep: expected a duration of at most 8760h0m0s, got "9000h""#)
        #expect(error("200h") == nil)
    }

    @Test func anAliasBombInAScenarioIsAnError() {
        let scenario = "description: bomb\n" + Self.billionLaughs
            .replacingOccurrences(of: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: lol\n  annotations:\n", with: "x:\n")
        #expect(throws: ScenarioError("bomb.yaml: expected valid YAML, got document contains excessive aliasing")) {
            try ScenarioParser.parse(scenario, file: "bomb.yaml")
        }
    }

    /// Found by `kubesim fuzz line`: trimming walked Characters from the end, each step counting
    /// the whole line, so a pasted page of spaces took seconds. Trimming works on bytes now and
    /// must still keep characters whole.
    @Test func linesAreTrimmedOfBlanksWithCharactersKept() {
        #expect(" \t héllo wörld 👍🏽\r\t ".trimmingSpaces() == "héllo wörld 👍🏽")
        #expect(" \t \r".trimmingSpaces() == "")
        #expect("e\u{301} ".trimmingSpaces() == "e\u{301}")
        #expect(Substring("  {.a} ").trimmingSpacesSubstring() == "{.a}")
        let padded = String(repeating: " ", count: 60_000) + "get pods" + String(repeating: " ", count: 60_000)
        #expect(padded.trimmingSpaces() == "get pods")
        let shell = Self.webShell()
        #expect(shell.run(padded).stdout.hasPrefix("NAME"))
    }

    /// Also found by the fuzzer: a long unknown word was compared with every verb letter by
    /// letter; only words within two letters of a verb's length can be within two edits.
    @Test func aLongUnknownCommandGetsNoSuggestion() {
        let error = Kubectl.unknownCommand(String(repeating: "x", count: 50_000), among: Kubectl.verbs, parent: "kubectl")
        #expect(!error.message.contains("Did you mean"))
        #expect(Kubectl.unknownCommand("scael", among: Kubectl.verbs, parent: "kubectl").message.contains("\tscale"))
    }

    /// Found by `kubesim fuzz line`: a typed `"` ended the quoting of what kubectl echoes back.
    /// kubectl and cobra print it with Go's %q, escapes and all.
    @Test func typedTextIsEchoedAsGoQuotesIt() {
        #expect("a\"b\\c\n\t\u{1}\u{7f}é👍 \u{200b}".goQuoted == #""a\"b\\c\n\t\x01\x7fé👍 \u200b""#)
        let shell = Self.webShell()
        #expect(shell.run(#"'we"b'"#).stderr.hasPrefix(#"error: unknown command "we\"b" for "kubectl""#))
        #expect(shell.run(#"get 'po"ds'"#).stderr == #"error: the server doesn't have a resource type "po\"ds""# + "\n")
        #expect(shell.run(#"scale deployment/web '--replicas=3"'"#).stderr
            .hasPrefix(#"error: invalid argument "3\"" for "--replicas" flag: strconv.ParseInt: parsing "3\"": invalid syntax"#))
    }
}
