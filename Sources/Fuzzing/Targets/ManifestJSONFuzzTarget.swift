/// `manifest-json`: a JSON file as `kubectl apply -f FILE.json` (sometimes `create -f`) reads
/// it — single objects and `List`s of every kind kubesim serves, with JSON's own troubles:
/// deep arrays, duplicate keys, escapes and surrogates, numbers past int64, trailing commas. A
/// refused file must say why in kubectl's words and leave the cluster as it was.
final class ManifestJSONFuzzTarget: FuzzTarget {
    let name = "manifest-json"
    let summary = "a JSON file (an object or a List) read by apply -f / create -f"
    private lazy var driver = ManifestFileDriver(target: name, fileExtension: "json")

    var seeds: [[UInt8]] { ManifestSeeds.json.map { Array($0.utf8) } }

    var dictionary: [[UInt8]] {
        ([#""apiVersion":"#, #""kind":"#, #""metadata":{"#, #""name":"#, #""namespace":"#, #""labels":{"#, #""spec":{"#,
          #""replicas":"#, #""selector":{"#, #""matchLabels":{"#, #""template":{"#, #""containers":["#, #""image":"#,
          #""ports":["#, #""port":"#, #""items":["#, #""apps/v1""#, #""v1""#, #""List""#, #""Deployment""#, #""Pod""#,
          #""Service""#, #""Namespace""#, #""DaemonSet""#, #""ReplicaSet""#, #""PodDisruptionBudget""#,
          "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "\\n", "null", "true", "false", "-0", "1e400",
          "1.0", "[]", "{}", "\u{FEFF}", "/* */", " "])
            .map { Array($0.utf8) }
    }

    func run(_ input: [UInt8]) throws(FuzzFinding) -> FuzzBehaviour { try driver.run(input) }
}
