/// `manifest-yaml`: a YAML file as `kubectl apply -f FILE` (sometimes `create -f`) reads it —
/// documents split at `---`, every kind kubesim serves, anchors, aliases and their bombs, deep
/// nesting, duplicate keys, wrong types, numbers beyond int32. A refused file must say why in
/// kubectl's words and leave the cluster as it was.
final class ManifestYAMLFuzzTarget: FuzzTarget {
    let name = "manifest-yaml"
    let summary = "a YAML file read by apply -f / create -f"
    private lazy var driver = ManifestFileDriver(target: name, fileExtension: "yaml")

    var seeds: [[UInt8]] { ManifestSeeds.yaml.map { Array($0.utf8) } }

    var dictionary: [[UInt8]] {
        (["apiVersion: ", "kind: ", "metadata:\n", "  name: ", "  namespace: ", "  labels:\n", "spec:\n", "  replicas: ",
          "selector:\n", "matchLabels:\n", "template:\n", "containers:\n", "- name: ", "image: ", "ports:\n", "containerPort: ",
          "resources:\n", "requests:\n", "cpu: ", "memory: ", "strategy:\n", "type: ", "maxSurge: ", "maxUnavailable: ",
          "minAvailable: ", "nodeSelector:\n", "tolerations:\n", "targetPort: ", "items:\n",
          "apps/v1", "v1", "policy/v1", "Deployment", "ReplicaSet", "DaemonSet", "Pod", "Service", "Namespace", "Node",
          "PodDisruptionBudget", "List", "ConfigMap", "Recreate", "NodePort", "LoadBalancer",
          "---\n", "--- # x\n", "...\n", "%YAML 1.1\n", "&a ", "*a", "<<: *a\n", "!!str ", "!!int ", "!!binary ", "!!map ", "? ",
          "- ", ": ", "|\n", ">-\n", "'", "\"", "{", "}", "[", "]", "#", "\t", "\r\n", "~", "null", "yes", "on", "0o17",
          ".nan", "-.inf", "250m", "1Gi", "8Ei", "1e100", "50%", "\\u0000", "\u{FEFF}"])
            .map { Array($0.utf8) }
    }

    func run(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour { try driver.run(input) }
}
