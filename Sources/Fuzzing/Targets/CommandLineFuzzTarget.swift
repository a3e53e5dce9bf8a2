import Cluster
import Commands

/// `line`: one line as typed at the dashboard's `:` prompt, the headless shell or a script —
/// kubectl's grammar (verbs, resource types, flags, selectors, jsonpath, Go durations) and the
/// simulator's `sim` verbs. A refused line must say why in kubectl's words and leave the
/// cluster as it was.
final class CommandLineFuzzTarget: FuzzTarget {
    let name = "line"
    let summary = "one typed line: kubectl's grammar, sim verbs, sleep"
    private var session = CommandLineFuzzTarget.freshSession()
    private var writes = 0

    static func freshSession() -> Session {
        let cluster = Cluster(seed: 7, pace: .demo, nodes: 3)
        try? SystemComponents.install(into: cluster)
        let session = Session(cluster: cluster)
        for line in ["create deployment web --image=nginx --replicas=3", "expose deployment web --port=80",
                     "create namespace team-a", "create deployment api -n team-a --image=httpd --replicas=2"] {
            _ = session.runToCompletion(line)
        }
        session.cluster.advance(by: .seconds(30))
        return session
    }

    var seeds: [[UInt8]] {
        [
            "kubectl get pods", "get pods -o wide --show-labels", "get deploy,rs,po -A",
            "get pods -l 'app in (web,api),tier!=db' -o jsonpath='{.items[*].metadata.name}'",
            "get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName --sort-by=.metadata.creationTimestamp",
            "get pods --field-selector status.phase=Running,spec.nodeName=node-1 -o name",
            "get pod web-abc -o yaml", "get nodes -o json", "get all -n team-a", "get events --sort-by=.lastTimestamp",
            "describe deployment web", "describe node node-1", "describe pod -l app=web",
            "create deployment shop --image=nginx:1.25 --replicas=3 --port=8080", "create namespace staging",
            "create service clusterip shop --tcp=80:8080", "create pdb web --selector=app=web --min-available=2",
            "scale deployment web --replicas=5", "scale deploy/web --replicas=0 --current-replicas=3",
            "label pods -l app=web tier=front --overwrite", "label pod web-x app- ", "annotate deploy/web note=hi",
            "delete pod -l app=web --grace-period=0 --force", "delete deployment api -n team-a --wait=false",
            "cordon node-2", "uncordon node-2", "drain node-2 --ignore-daemonsets --delete-emptydir-data --timeout=30s",
            "set image deployment/web nginx=nginx:1.26", "set env deployment/web MODE=fast", "set resources deployment web --limits=cpu=200m,memory=512Mi",
            "rollout status deployment/web --timeout=10s", "rollout undo deployment/web --to-revision=1", "rollout history deploy/web --revision=2",
            "rollout pause deployment/web", "rollout restart deployment/web", "logs deployment/web --tail=5 -c web",
            "events --for pod/web-x -A", "expose deployment web --port=80 --target-port=8080 --type=NodePort",
            "apply -f /dev/null", "sleep 1h30m", "sleep 500ms", "# a comment",
            "sim fail node-2", "sim recover node-2", "sim add-node big --cpu 16 --memory 64Gi", "sim crash pod/web-x",
            "sim image nginx:bad --missing", "sim image slow:1 --crash-after 30s", "sim traffic svc/web --rps 50",
            "kubectl get pods -w", "port-forward svc/web 8080:80",
        ].map { Array($0.utf8) }
    }

    var dictionary: [[UInt8]] {
        (Kubectl.verbs + ["sim", "sleep", "kubectl", "pods", "pod/", "deploy/", "deployment", "rs", "svc", "nodes", "ns", "all", "events",
                          "-n", "-A", "-l", "-o", "-f", "-w", "--all-namespaces", "--replicas=", "--image=", "--selector=", "--timeout=",
                          "--grace-period=", "--force", "--overwrite", "--field-selector", "--sort-by=", "-o=jsonpath=", "-o=custom-columns=",
                          "json", "yaml", "wide", "name", "{.items[*]}", "{range .items[*]}{.metadata.name}{\"\\n\"}{end}", "[?(@.x==\"y\")]",
                          "in (", "notin (", "!=", "==", "=", ",", "'", "\"", "\\", " ", "--", "-", "/", ":", "1h", "-5s", "1e3", "2562047h",
                          "/dev/zero", "/proc/self/mem", "web", "node-1", "team-a", "kube-system", "$(", "`", ";", "|", "\t"])
            .map { Array($0.utf8) }
    }

    func run(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour {
        let behaviour = try feed(input)
        try startAfreshWhenGrown()
        return behaviour
    }

    private func feed(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour {
        let cluster = session.cluster
        cluster.advance(by: .zero)
        let before = cluster.store.currentResourceVersion
        let line = String(decoding: input, as: UTF8.self)
        let execution = session.execute(line, finishingDueWork: false)
        var output = execution.output
        // A blocking command (wait, drain, rollout status, sleep) is looked at once, as the
        // dashboard does on its next tick, without running the clock.
        if let operation = execution.operation { _ = operation.poll(cluster, into: &output) }
        let changed = cluster.store.currentResourceVersion != before
        if output.failed {
            try FuzzChecks.kubectlError(output.stderr)
            if changed && output.stdout.isEmpty {
                throw FuzzFinding("a refused line changed the cluster: \(output.stderr.prefix(120))")
            }
        }
        if changed { writes += 1 }
        let verb = line.split(separator: " ").first.map(String.init) ?? ""
        return FuzzBehaviour(output.failed ? "refused: " + output.stderr : "ran: \(verb) " + output.stdout)
    }

    /// Keeps the cluster small and the run's cost per input flat; the cluster let go must be freed.
    private func startAfreshWhenGrown() throws(FuzzFinding) {
        guard writes >= 200 || session.cluster.store.count(Pod.self) > 2_000 else { return }
        weak var store = session.cluster.store
        session = Self.freshSession()
        writes = 0
        try FuzzChecks.freed(store)
    }
}
