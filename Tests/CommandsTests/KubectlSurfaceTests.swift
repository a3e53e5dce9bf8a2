import Testing
@testable import Cluster
@testable import Commands

/// kubectl's everyday `get` surface: several types and `all`, label columns, sorting, field
/// selectors and custom columns, as kubectl 1.33 prints them.
@Suite struct KubectlSurfaceTests {
    /// A deployment `web` with `replicas` pods, settled; with kube-system's add-ons when asked.
    func shell(replicas: Int = 3, systemPods: Bool = false) throws -> Shell {
        let shell = Shell(seed: 1)
        if systemPods { try SystemComponents.install(into: shell.cluster) }
        #expect(shell.run("kubectl create deployment web --image=nginx:1.27 --replicas=\(replicas)").stderr == "")
        shell.advance(20)
        return shell
    }

    func pods(_ shell: Shell, namespace: String = "default") -> [Pod] {
        shell.cluster.store.list(Pod.self).filter { $0.metadata.namespace == namespace }
    }

    /// The tables of one `get`, split at kubectl's blank separator line.
    func tables(_ text: String) -> [[String]] {
        text.components(separatedBy: "\n\n").map { $0.split(separator: "\n").map(String.init) }
    }

    func firstColumn(_ lines: [String]) -> [String] {
        lines.dropFirst().map { String($0.split(separator: " ")[0]) }
    }

    @Test func severalTypesPrintOneTablePerTypeWithKindQualifiedNames() throws {
        let shell = try shell()
        let rs = try #require(shell.cluster.store.list(ReplicaSet.self).first)
        let parts = tables(shell.out("kubectl get deploy,rs"))
        #expect(parts.count == 2)
        #expect(parts[0].first?.split(separator: " ").joined(separator: " ") == "NAME READY UP-TO-DATE AVAILABLE AGE")
        #expect(parts[0].first?.hasPrefix("NAME" + String(repeating: " ", count: "deployment.apps/web".count - 1) + "READY") == true)
        #expect(firstColumn(parts[0]) == ["deployment.apps/web"])
        #expect(parts[1].first?.split(separator: " ").joined(separator: " ") == "NAME DESIRED CURRENT READY AGE")
        #expect(firstColumn(parts[1]) == ["replicaset.apps/\(rs.name)"])
        // In the order given, not kubectl's category order.
        #expect(firstColumn(tables(shell.out("kubectl get rs,deployments"))[0]) == ["replicaset.apps/\(rs.name)"])
        // One type found among those asked: a plain table, plain names (kubectl prefixes only
        // when the results hold several kinds).
        #expect(shell.names("kubectl get deploy,ds") == ["web"])
        // --show-kind asks for the prefix with one type too.
        #expect(shell.names("kubectl get deploy --show-kind") == ["deployment.apps/web"])
    }

    @Test func allListsTheAllCategoryInKubectlsOrder() throws {
        let shell = try shell(systemPods: true)
        let parts = tables(shell.out("kubectl get all -n kube-system"))
        #expect(parts.count == 5)
        let expectedPods = pods(shell, namespace: "kube-system").map { "pod/\($0.name)" }.sorted()
        #expect(firstColumn(parts[0]) == expectedPods)
        #expect(expectedPods.count == 5)
        #expect(firstColumn(parts[1]) == ["service/kube-dns"])
        #expect(parts[1].dropFirst().first?.split(separator: " ").dropFirst().prefix(4).joined(separator: " ")
                == "ClusterIP 10.96.0.10 <none> 53/UDP,53/TCP,9153/TCP")
        #expect(firstColumn(parts[2]) == ["daemonset.apps/kube-proxy"])
        #expect(firstColumn(parts[3]) == ["deployment.apps/coredns"])
        #expect(firstColumn(parts[4]).count == 1 && firstColumn(parts[4])[0].hasPrefix("replicaset.apps/coredns-"))
        // The default namespace has no DaemonSet: its table is left out. Services come after
        // pods (the API server's own `kubernetes` among them).
        let defaults = tables(shell.out("kubectl get all"))
        #expect(defaults.count == 4)
        #expect(defaults.map { firstColumn($0).first?.split(separator: "/").first.map(String.init) } == ["pod", "service", "deployment.apps", "replicaset.apps"])
        #expect(firstColumn(defaults[1]) == ["service/kubernetes"])
        shell.run("kubectl expose deployment web --port=80")
        #expect(firstColumn(tables(shell.out("kubectl get all"))[1]) == ["service/kubernetes", "service/web"])
        // -A: every namespace, NAMESPACE first, names still qualified.
        let everywhere = tables(shell.out("kubectl get all -A"))
        #expect(everywhere.count == 5)
        #expect(everywhere[1].dropFirst().map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
                == ["default service/kubernetes", "default service/web", "kube-system service/kube-dns"])
        #expect(everywhere[3].first?.hasPrefix("NAMESPACE") == true)
        #expect(everywhere[3].dropFirst().map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
                == ["default deployment.apps/web", "kube-system deployment.apps/coredns"])
        let empty = shell.run("kubectl get all -n kube-public")
        #expect(empty.stdout == "" && empty.stderr == "No resources found in kube-public namespace.\n")
    }

    /// An empty list: only the table says "No resources found" (on stderr); scripts reading
    /// JSON, YAML, names or a template get what kubectl prints for an empty List.
    @Test func anEmptyListInAMachineFormatIsAnEmptyListNotAMessage() throws {
        let shell = try shell()
        let json = shell.run("kubectl get pods -n kube-public -o json")
        #expect(json.stderr == "")
        #expect(json.stdout == """
            {
                "apiVersion": "v1",
                "items": [],
                "kind": "List",
                "metadata": {
                    "resourceVersion": ""
                }
            }

            """)
        let yaml = shell.run("kubectl get pods -n kube-public -o yaml")
        #expect(yaml.stderr == "" && yaml.stdout == "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n")
        for format in ["name", "jsonpath={.items[*].metadata.name}"] {
            let run = shell.run("kubectl get pods -n kube-public -o \(format)")
            #expect(run.stdout == "" && run.stderr == "", "-o \(format)")
        }
        let columns = shell.run("kubectl get pods -n kube-public -o custom-columns=NAME:.metadata.name")
        #expect(columns.stdout == "NAME\n" && columns.stderr == "")
        #expect(shell.run("kubectl get pods -n kube-public -o wide").stderr == "No resources found in kube-public namespace.\n")
    }

    @Test func showLabelsAddsTheLabelsColumnLastOnEveryKind() throws {
        let shell = try shell(systemPods: true)
        for (type, object) in [("deploy", "web"), ("nodes", "node-1"), ("ds -n kube-system", "kube-proxy"), ("ns", "default")] {
            let lines = shell.out("kubectl get \(type) \(object) --show-labels").split(separator: "\n")
            #expect(lines[0].hasSuffix("   LABELS"), "\(type)")
            let kind = try #require(ResourceType.named(String(type.split(separator: " ")[0])))
            let stored = try #require(shell.cluster.store.object(kind: kind.kind, name: object,
                                                                 namespace: type.contains("kube-system") ? "kube-system" : "default"))
            #expect(lines[1].hasSuffix("   " + ResourceTables.labelsText(stored.metadata.labels)), "\(type)")
        }
        #expect(shell.out("kubectl get ns default --show-labels").contains("kubernetes.io/metadata.name=default"))
    }

    @Test func labelColumnsShowOneUpperCasedColumnPerKey() throws {
        let shell = try shell()
        let rows = shell.rows("kubectl get pods -L app -L pod-template-hash,tier")
        let header = shell.out("kubectl get pods -L app -L pod-template-hash,tier").split(separator: "\n")[0]
        #expect(header.split(separator: " ").suffix(3) == ["APP", "POD-TEMPLATE-HASH", "TIER"])
        #expect(rows.count == 3)
        for row in rows {
            let pod = try #require(pods(shell).first { $0.name == row["NAME"] })
            #expect(row["APP"] == "web")
            #expect(row["POD-TEMPLATE-HASH"] == pod.metadata.labels["pod-template-hash"])
            // No pod has the label: the cell is empty (the row ends with the hash's padding).
            #expect((row["TIER"] ?? "") == "")
        }
        // A prefixed key is headed by its last segment; the column comes before LABELS.
        let nodeHeader = shell.out("kubectl get nodes -L kubernetes.io/hostname --show-labels").split(separator: "\n")[0]
        #expect(nodeHeader.split(separator: " ").suffix(2) == ["HOSTNAME", "LABELS"])
        #expect(shell.rows("kubectl get nodes --label-columns=kubernetes.io/hostname").map { $0["HOSTNAME"] } == ["node-1", "node-2", "node-3"])
    }

    @Test func sortByOrdersTextLexicallyAndNumbersNumerically() throws {
        let shell = try shell(replicas: 6)
        let byNode = pods(shell).sorted { ($0.spec.nodeName, $0.name) < ($1.spec.nodeName, $1.name) }
        for path in [".spec.nodeName", "{.spec.nodeName}", "spec.nodeName"] {
            let names = shell.names("kubectl get pods --sort-by=\(path)")
            #expect(names.map { n in pods(shell).first { $0.name == n }!.spec.nodeName } == byNode.map(\.spec.nodeName), "\(path)")
        }
        #expect(shell.names("kubectl get pods --sort-by={.metadata.name}") == pods(shell).map(\.name).sorted())
        // 9 before 10: replicas compare as numbers, not as text.
        shell.run("kubectl create deployment big --image=nginx:1.27 --replicas=10")
        shell.run("kubectl create deployment small --image=nginx:1.27 --replicas=9")
        #expect(shell.names("kubectl get deploy --sort-by=.spec.replicas") == ["web", "small", "big"])
        let missing = shell.run("kubectl get pods --sort-by=.spec.noSuchField")
        #expect(missing.stdout == "")
        #expect(missing.stderr == "error: couldn't find any field with path \"{.spec.noSuchField}\" in the list of objects\n")
    }

    @Test func fieldSelectorsFilterAsTheAPIServerDoes() throws {
        let shell = try shell(replicas: 6, systemPods: true)
        let onNode1 = pods(shell).filter { $0.spec.nodeName == "node-1" }.map(\.name).sorted()
        #expect(!onNode1.isEmpty)
        #expect(shell.names("kubectl get pods --field-selector spec.nodeName=node-1") == onNode1)
        #expect(shell.names("kubectl get pods --field-selector=spec.nodeName==node-1,status.phase=Running") == onNode1)
        let elsewhere = pods(shell).filter { $0.spec.nodeName != "node-1" }.map(\.name).sorted()
        #expect(shell.names("kubectl get pods --field-selector spec.nodeName!=node-1") == elsewhere)
        let one = onNode1[0]
        #expect(shell.names("kubectl get pods --field-selector metadata.name=\(one)") == [one])
        let pending = shell.run("kubectl get pods --field-selector status.phase=Pending")
        #expect(pending.stdout == "" && pending.stderr == "No resources found in default namespace.\n")
        let system = shell.rows("kubectl get pods -A --field-selector metadata.namespace!=default")
        #expect(system.count == 5 && system.allSatisfy { $0["NAMESPACE"] == "kube-system" })
        #expect(shell.names("kubectl get deploy -A --field-selector metadata.name=coredns").count == 1)

        let pod = shell.run("kubectl get pods --field-selector foo=bar")
        #expect(pod.stderr == "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"\", field selector \"foo=bar\": field label not supported: foo\n")
        let deploy = shell.run("kubectl get deploy -l app=web --field-selector spec.nodeName=node-1")
        #expect(deploy.stderr == "Error from server (BadRequest): Unable to find \"apps/v1, Resource=deployments\" that match label selector \"app=web\", field selector \"spec.nodeName=node-1\": \"spec.nodeName\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"\n")
    }

    @Test func customColumnsPrintTheGivenHeadersAndPaths() throws {
        let shell = try shell()
        let text = shell.out("kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,Gates:.spec.readinessGates")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].split(separator: " ") == ["NAME", "NODE", "Gates"])
        let rows = shell.rows("kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:{.spec.nodeName},Gates:spec.readinessGates")
        #expect(rows.count == 3)
        for row in rows {
            let pod = try #require(pods(shell).first { $0.name == row["NAME"] })
            #expect(row["NODE"] == pod.spec.nodeName)
            #expect(row["Gates"] == "<none>")
        }
        // Several values join with commas.
        let images = shell.out("kubectl get deploy web -o custom-columns=IMAGES:.spec.template.spec.containers[*].image --no-headers")
        #expect(images == "nginx:1.27\n")
        let bad = shell.run("kubectl get pods -o custom-columns=NAME")
        #expect(bad.stderr == "error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n")
    }
}

/// `label` and `annotate` over several objects and over `-l`.
@Suite struct LabelAndAnnotateManyTests {
    func shell() -> Shell {
        let shell = Shell(seed: 1)
        #expect(shell.run("kubectl create deployment web --image=nginx:1.27 --replicas=3").stderr == "")
        #expect(shell.run("kubectl create deployment api --image=nginx:1.27 --replicas=1").stderr == "")
        shell.advance(20)
        return shell
    }

    func pods(_ shell: Shell, app: String) -> [Pod] {
        shell.cluster.store.list(Pod.self).filter { $0.metadata.labels["app"] == app }.sorted { $0.name < $1.name }
    }

    @Test func labelBySelectorLabelsEveryMatchingPodAndNoOther() {
        let shell = shell()
        let web = pods(shell, app: "web")
        let result = shell.run("kubectl label pods -l app=web tier=front")
        #expect(result.stderr == "")
        #expect(result.stdout == web.map { "pod/\($0.name) labeled\n" }.joined())
        #expect(pods(shell, app: "web").allSatisfy { $0.metadata.labels["tier"] == "front" })
        #expect(pods(shell, app: "api").allSatisfy { $0.metadata.labels["tier"] == nil })
        #expect(shell.names("kubectl get pods -l tier=front") == web.map(\.name))
    }

    @Test func labelAndAnnotateTakeSeveralNames() throws {
        let shell = shell()
        let web = pods(shell, app: "web")
        let (a, b) = (web[0].name, web[1].name)
        #expect(shell.out("kubectl label pod \(a) \(b) team=blue") == "pod/\(a) labeled\npod/\(b) labeled\n")
        let annotated = shell.run("kubectl annotate pod \(a) \(b) owner=ops note=a=b")
        #expect(annotated.stderr == "")
        #expect(annotated.stdout == "pod/\(a) annotated\npod/\(b) annotated\n")
        for name in [a, b] {
            let pod = try #require(shell.cluster.store.get(Pod.self, name, namespace: "default"))
            #expect(pod.metadata.annotations["owner"] == "ops" && pod.metadata.annotations["note"] == "a=b")
            #expect(pod.metadata.labels["team"] == "blue")
        }
        #expect(try #require(shell.cluster.store.get(Pod.self, web[2].name, namespace: "default")).metadata.annotations["owner"] == nil)
        #expect(shell.out("kubectl annotate deployment/web deployment/api owner=ops") == "deployment.apps/web annotated\ndeployment.apps/api annotated\n")
    }

    /// Several objects refused: kubectl prints its aggregate after the visit, one line an
    /// error and no `error: ` prefix (MultipleErrors); one refusal alone keeps the prefix.
    @Test func severalRefusalsAreListedWithoutThePrefixOneAloneKeepsIt() {
        let shell = shell()
        let names = pods(shell, app: "web").map(\.name)
        #expect(shell.run("kubectl label pods -l app=web tier=front").stderr == "")
        let both = shell.run("kubectl label pods -l app=web tier=back")
        #expect(both.stdout == "")
        #expect(both.stderr == String(repeating: "'tier' already has a value (front), and --overwrite is false\n", count: 3))
        let one = shell.run("kubectl label pod \(names[0]) tier=back")
        #expect(one.stderr == "error: 'tier' already has a value (front), and --overwrite is false\n")
        // A server's refusal: alone in CheckErr's words, several in StandardErrorMessage's.
        let rule = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        #expect(shell.run("kubectl label pod \(names[0]) b@d=x").stderr
                == "The Pod \"\(names[0])\" is invalid: metadata.labels: Invalid value: \"b@d\": \(rule)\n")
        #expect(shell.run("kubectl label pod \(names[0]) \(names[1]) b@d=x").stderr
                == names.prefix(2).map { "Error from server (Invalid): Pod \"\($0)\" is invalid: metadata.labels: Invalid value: \"b@d\": \(rule)\n" }.joined())
        // A mix: the objects that could be changed are, and the errors come after them.
        #expect(shell.run("kubectl annotate pod \(names[0]) owner=ops").stderr == "")
        let mixed = shell.run("kubectl annotate pod \(names[0]) \(names[1]) nope owner=dev")
        #expect(mixed.stdout == "pod/\(names[1]) annotated\n")
        #expect(mixed.combined == """
            pod/\(names[1]) annotated
            --overwrite is false but found the following declared annotation(s): 'owner' already has a value (ops)
            Error from server (NotFound): pods "nope" not found

            """)
    }

    @Test func annotateRefusesToOverwriteWithoutTheFlag() throws {
        let shell = shell()
        let pod = pods(shell, app: "web")[0].name
        #expect(shell.run("kubectl annotate pod \(pod) owner=ops").stderr == "")
        // The same value again is no clash.
        #expect(shell.out("kubectl annotate pod \(pod) owner=ops") == "pod/\(pod) annotated\n")
        let refused = shell.run("kubectl annotate pod \(pod) owner=dev")
        #expect(refused.stdout == "")
        #expect(refused.stderr == "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (ops)\n")
        #expect(try #require(shell.cluster.store.get(Pod.self, pod, namespace: "default")).metadata.annotations["owner"] == "ops")
        #expect(shell.out("kubectl annotate pod \(pod) owner=dev --overwrite") == "pod/\(pod) annotated\n")
        #expect(shell.out("kubectl annotate pod \(pod) owner-") == "pod/\(pod) annotated\n")
        #expect(try #require(shell.cluster.store.get(Pod.self, pod, namespace: "default")).metadata.annotations["owner"] == nil)
        // Annotating by selector.
        let byLabel = shell.run("kubectl annotate pods -l app=api x=y")
        #expect(byLabel.stdout == "pod/\(pods(shell, app: "api")[0].name) annotated\n")
        #expect(shell.run("kubectl annotate pod \(pod)").stderr == "error: at least one annotation update is required\n")
    }
}

/// `kubectl events --for TYPE/NAME`: only the events about that object, as kubectl events prints them.
@Suite struct EventsForObjectTests {
    @Test func eventsForAPodListOnlyThatPodsEventsOldestFirst() throws {
        let shell = Shell(seed: 1)
        #expect(shell.run("kubectl create deployment web --image=nginx:1.27 --replicas=2").stderr == "")
        shell.advance(20)
        let pods = shell.cluster.store.list(Pod.self).sorted { $0.name < $1.name }
        let pod = try #require(pods.first)
        let expected = shell.cluster.store.list(Event.self)
            .filter { $0.involvedObject.kind == "Pod" && $0.involvedObject.name == pod.name }
            .sorted { $0.lastTimestamp! < $1.lastTimestamp! }
        #expect(expected.map(\.reason).starts(with: ["Scheduled", "Pulling"]))
        let lines = shell.out("kubectl events --for pod/\(pod.name)").split(separator: "\n").map(String.init)
        #expect(lines[0].split(separator: " ").joined(separator: " ") == "LAST SEEN TYPE REASON OBJECT MESSAGE")
        #expect(lines.count == expected.count + 1)
        for (line, event) in zip(lines.dropFirst(), expected) {
            #expect(line.contains("   \(event.reason)   ") && line.contains("   Pod/\(pod.name)   ") && line.hasSuffix(event.message))
        }
        // The other pod's events are not listed.
        #expect(!lines.joined().contains(pods[1].name))
        #expect(shell.out("kubectl events --for deployment/web").contains("Deployment/web   Scaled up replica set"))

        let none = shell.run("kubectl events --for pod/nosuch")
        #expect(none.stdout == "" && none.stderr == "No events found in default namespace.\n")
        #expect(shell.run("kubectl events --for pod").stderr == "error: --for must be in resource/name form\n")
        // kubectl get has no --for.
        #expect(shell.run("kubectl get events --for pod/\(pod.name)").stderr.hasPrefix("error: unknown flag: --for"))
    }
}
