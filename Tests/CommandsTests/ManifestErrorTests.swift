import Testing
@testable import Cluster
@testable import Commands

/// A bad manifest is refused with the file, the document, the field and the reason, in kubectl's
/// words, and nothing in it is applied, not even the documents before the bad one.
@Suite struct ManifestErrorTests {
    static let validateTail = "; if you choose to ignore these errors, turn validation off with --validate=false"

    /// (what is wrong, manifest, expected standard error with FILE for the file's path)
    static let cases: [(String, String, String)] = [
        ("unknown kind",
         "apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n",
         "error: resource mapping not found for name: \"x\" namespace: \"\" from \"FILE\" (document 1): no matches for kind \"Foo\" in version \"v1\"\nensure CRDs are installed first"),
        ("kind in the wrong version",
         SampleManifests.deployment().replacingOccurrences(of: "apps/v1", with: "extensions/v1beta1"),
         "error: resource mapping not found for name: \"other\" namespace: \"\" from \"FILE\" (document 1): no matches for kind \"Deployment\" in version \"extensions/v1beta1\"\nensure CRDs are installed first"),
        ("bad YAML",
         "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n spec: 1\n",
         "error: error parsing FILE (document 1): error converting YAML to JSON: yaml: line 4: did not find expected key"),
        ("a tab in YAML",
         "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n",
         "error: error parsing FILE (document 1): error converting YAML to JSON: yaml: line 4: found character that cannot start any token"),
        ("wrong type",
         SampleManifests.deployment(replicas: "\"2\""),
         "error: error validating \"FILE\" (document 1): error validating data: ValidationError(Deployment.spec.replicas): invalid type for io.k8s.api.apps.v1.DeploymentSpec.replicas: got \"string\", expected \"integer\"" + validateTail),
        ("unknown field",
         SampleManifests.deployment().replacingOccurrences(of: "  replicas: 2", with: "  replica: 2"),
         "error: error validating \"FILE\" (document 1): error validating data: ValidationError(Deployment.spec): unknown field \"replica\" in io.k8s.api.apps.v1.DeploymentSpec" + validateTail),
        ("unknown field in a container",
         SampleManifests.deployment(extra: "\n        imagePolicy: Always"),
         "error: error validating \"FILE\" (document 1): error validating data: ValidationError(Deployment.spec.template.spec.containers[0]): unknown field \"imagePolicy\" in io.k8s.api.core.v1.Container" + validateTail),
        ("missing required field",
         "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - image: nginx\n",
         "error: error validating \"FILE\" (document 1): error validating data: ValidationError(Pod.spec.containers[0]): missing required field \"name\" in io.k8s.api.core.v1.Container" + validateTail),
        ("a field kubesim does not simulate",
         "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  affinity:\n    podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, podAffinityTerm: {topologyKey: zone}}]}\n  containers:\n  - {name: c, image: nginx}\n",
         "error: error validating \"FILE\" (document 1): error validating data: ValidationError(Pod.spec): field \"affinity\" in io.k8s.api.core.v1.PodSpec is not simulated by kubesim" + validateTail),
        ("no kind",
         "apiVersion: v1\nmetadata:\n  name: x\n",
         "error: unable to decode \"FILE\" (document 1): Object 'Kind' is missing in '{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}'"),
        ("invalid object",
         SampleManifests.deployment(replicas: "-1"),
         "The Deployment \"other\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        ("selector not matching the template's labels",
         SampleManifests.deployment(labels: "{app: else}"),
         "The Deployment \"other\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"else\"}: `selector` does not match template `labels`"),
        ("bad name",
         SampleManifests.deployment(name: "Other"),
         "The Deployment \"Other\" is invalid: metadata.name: Invalid value: \"Other\": \(BadInputTests.subdomainRule)"),
        ("bad strategy",
         SampleManifests.deployment().replacingOccurrences(of: "  replicas: 2", with: "  replicas: 2\n  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}"),
         "The Deployment \"other\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"),
        ("bad quantity",
         "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources: {requests: {cpu: lots}}\n",
         "Error from server (BadRequest): error when creating \"FILE\" (document 1): Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
        ("another namespace",
         SampleManifests.deployment().replacingOccurrences(of: "  name: other", with: "  name: other\n  namespace: prod"),
         "Error from server (NotFound): error when creating \"FILE\" (document 1): namespaces \"prod\" not found"),
        ("second document bad while the first is fine",
         SampleManifests.deployment(name: "fine") + "---\n" + SampleManifests.deployment().replacingOccurrences(of: "  replicas: 2", with: "  replica: 2"),
         "error: error validating \"FILE\" (document 2): error validating data: ValidationError(Deployment.spec): unknown field \"replica\" in io.k8s.api.apps.v1.DeploymentSpec" + validateTail),
        ("two bad documents",
         "apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n---\n# nothing here\n---\n" + SampleManifests.deployment(replicas: "-1"),
         "error: resource mapping not found for name: \"x\" namespace: \"\" from \"FILE\" (document 1): no matches for kind \"Foo\" in version \"v1\"\nensure CRDs are installed first\nThe Deployment \"other\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        ("a mapping as a key",
         "apiVersion: v1\nkind: Pod\nmetadata:\n  ? {name: x, labels: [a]}\n  : y\n",
         "error: error parsing FILE (document 1): error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\"name\":\"x\", \"labels\":[]interface {}{\"a\"}}"),
        ("changed selector of an existing deployment",
         SampleManifests.app().replacingOccurrences(of: "app: web", with: "app: web2"),
         "The Deployment \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"),
    ]

    @Test(arguments: cases)
    func badManifestIsRefusedWithItsReasonAndChangesNothing(_ problem: String, _ manifest: String, _ expected: String) throws {
        let folder = try ManifestFolder()
        let shell = Shell()
        shell.run("apply -f \(try folder.write("app.yaml", SampleManifests.app()))")
        shell.advance(10)
        let before = clusterFingerprint(shell)
        let file = try folder.write("bad.yaml", manifest)
        let output = shell.run("apply -f \(file)")
        #expect(output.failed, "\(problem)")
        #expect(output.stdout.isEmpty, "\(problem)")
        #expect(output.stderr == expected.replacingOccurrences(of: "FILE", with: file) + "\n", "\(problem)")
        #expect(clusterFingerprint(shell) == before, "\(problem)")
        #expect(shell.cluster.store.get(Deployment.self, "fine", namespace: "default") == nil)
    }

    /// Charts render `affinity: {}` and `initContainers: []` when nothing is set: an empty
    /// value of a field kubesim does not simulate asks for nothing, and is accepted.
    @Test func emptyValuesOfFieldsNotSimulatedAreAccepted() throws {
        let shell = Shell()
        let folder = try ManifestFolder()
        let file = try folder.write("chart.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  affinity: {}\n  initContainers: []\n  topologySpreadConstraints: null\n  containers:\n  - {name: c, image: nginx}\n")
        let result = shell.run("apply -f \(file)")
        #expect(result.stdout == "pod/p created\n", "\(result.stderr)")
        let service = try folder.write("service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  publishNotReadyAddresses: false\n  selector: {app: x}\n  ports: [{port: 80}]\n")
        #expect(shell.run("apply -f \(service)").stdout == "service/s created\n")
        let publishing = try folder.write("publishing.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: t\nspec:\n  publishNotReadyAddresses: true\n  selector: {app: x}\n  ports: [{port: 80}]\n")
        #expect(shell.run("apply -f \(publishing)").stderr.contains("field \"publishNotReadyAddresses\" in io.k8s.api.core.v1.ServiceSpec is not simulated by kubesim"))
    }

    @Test func aMissingFileIsNamed() {
        let output = Shell().run("apply -f /nonexistent/app.yaml")
        #expect(output.stderr == "error: the path \"/nonexistent/app.yaml\" does not exist\n")
    }

    @Test func badYAMLLinesCountFromTheStartOfTheirDocument() throws {
        let folder = try ManifestFolder()
        let file = try folder.write("two.yaml", SampleManifests.deployment() + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: [x\n")
        let output = Shell().run("apply -f \(file)")
        #expect(output.stderr == "error: error parsing \(file) (document 2): error converting YAML to JSON: yaml: line 3: did not find expected ',' or ']'\n")
    }
}
