import Testing
@testable import Cluster
@testable import Commands

/// Mistakes get kubectl's error text on standard error, a failure status, and change nothing.
@Suite struct BadInputTests {
    static let subdomainRule = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let labelValueRule = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
    static let labelKeyRule = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"

    static let cases: [(String, String)] = [
        ("create deployment Bad_Name --image=nginx",
         "error: failed to create deployment: Deployment.apps \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": \(subdomainRule)"),
        ("create deployment x --image=nginx --replicas=-1",
         "error: failed to create deployment: Deployment.apps \"x\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        ("create deployment x --image=nginx --replicas=abc",
         "error: invalid argument \"abc\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\nSee 'kubectl create deployment --help' for usage."),
        ("create deployment x", "error: required flag(s) \"image\" not set"),
        ("create deployment web --image=nginx", "error: failed to create deployment: deployments.apps \"web\" already exists"),
        ("scale deployment/web --replicas=-1", "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0"),
        ("scale deployment/web --replicas=two",
         "error: invalid argument \"two\" for \"--replicas\" flag: strconv.ParseInt: parsing \"two\": invalid syntax\nSee 'kubectl scale --help' for usage."),
        ("scale deployment/web", "error: required flag(s) \"replicas\" not set"),
        ("scale deployment/nope --replicas=2", "error: no objects passed to scale deployments.apps \"nope\" not found"),
        ("get foo", "error: the server doesn't have a resource type \"foo\""),
        ("get pods --foo", "error: unknown flag: --foo\nSee 'kubectl get --help' for usage."),
        ("get pods -z", "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage."),
        ("get pods -o foo", "error: unable to match a printer suitable for the output format \"foo\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"),
        ("gte pods", "error: unknown command \"gte\" for \"kubectl\"\n\nDid you mean this?\n\tget"),
        ("kubectl frobnicate", "error: unknown command \"frobnicate\" for \"kubectl\""),
        ("exec -it POD -- sh", "error: exec is not supported: kubesim runs no containers, so there is no process to run a command in (kubectl logs reads what a pod printed)"),
        ("kubectl cp POD:/etc/hosts hosts", "error: cp is not supported: kubesim runs no containers, so there is no file system to copy from or to (kubectl logs reads what a pod printed)"),
        ("get pod nope", "Error from server (NotFound): pods \"nope\" not found"),
        ("describe deployment nope", "Error from server (NotFound): deployments.apps \"nope\" not found"),
        ("describe rs nope", "Error from server (NotFound): replicasets.apps \"nope\" not found"),
        ("delete pod nope", "Error from server (NotFound): pods \"nope\" not found"),
        ("delete pod", "error: resource(s) were provided, but no name was specified"),
        ("delete", DeleteCommand.noResourcesMessage),
        ("label pod nope app=x", "Error from server (NotFound): pods \"nope\" not found"),
        ("label pod POD app=v@l", "error: invalid label value: \"app=v@l\": \(labelValueRule)"),
        ("label pod POD b@d=x", "The Pod \"POD\" is invalid: metadata.labels: Invalid value: \"b@d\": \(labelKeyRule)"),
        ("label pod POD app=other", "error: 'app' already has a value (web), and --overwrite is false"),
        ("label pod POD", "error: at least one label update is required"),
        ("cordon nope", "Error from server (NotFound): nodes \"nope\" not found"),
        ("cordon", "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples"),
        ("drain nope", "Error from server (NotFound): nodes \"nope\" not found"),
        ("create deployment x --image=nginx -n nope", "error: failed to create deployment: namespaces \"nope\" not found"),
        ("delete namespace default", "Error from server (Forbidden): namespaces \"default\" is forbidden: this namespace may not be deleted"),
        ("delete ns kube-system", "Error from server (Forbidden): namespaces \"kube-system\" is forbidden: this namespace may not be deleted"),
        ("create namespace default", "Error from server (AlreadyExists): namespaces \"default\" already exists"),
        ("create namespace Team_A", "The Namespace \"Team_A\" is invalid: metadata.name: Invalid value: \"Team_A\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
        ("sim fail nope", "Error from server (NotFound): nodes \"nope\" not found"),
        ("sim explode node-1", "error: unknown command \"explode\" for \"sim\""),
        ("sleep ten", "error: time: invalid duration \"ten\""),
        ("get pods 'unterminated", "error: unterminated quote in command line"),
    ]

    /// Everything a user could see about the cluster, to prove a failed command changed nothing.
    func fingerprint(_ shell: Shell) -> String {
        ["deployments", "replicasets", "pods", "nodes"].map { shell.out("get \($0) -o json") }.joined()
    }

    @Test(arguments: cases)
    func badInputIsRejectedAndChangesNothing(_ command: String, _ expected: String) {
        let shell = Shell()
        shell.run("create deployment web --image=nginx --replicas=2")
        shell.advance(10)
        let pod = shell.names("get pods")[0]
        let before = fingerprint(shell)
        let output = shell.run(command.replacingOccurrences(of: "POD", with: pod))
        #expect(output.failed)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr == expected.replacingOccurrences(of: "POD", with: pod) + "\n")
        #expect(fingerprint(shell) == before)
    }

    @Test func emptyListsSayNoResourcesFoundOnStandardError() {
        let shell = Shell()
        let pods = shell.run("get pods")
        #expect(!pods.failed)
        #expect(pods.stdout.isEmpty)
        #expect(pods.stderr == "No resources found in default namespace.\n")
        #expect(shell.run("get nodes -l role=gpu").stderr == "No resources found\n")
    }
}

import Foundation
