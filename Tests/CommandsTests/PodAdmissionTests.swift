import Testing
@testable import Cluster
@testable import Commands

/// What the API server's admission and defaulting add to every pod, as `-o json` shows it.
@Suite struct PodAdmissionTests {
    @Test func everyPodGetsTheServiceAccountVolumePriorityAndDefaults() throws {
        let shell = Shell(seed: 4)
        shell.run("create deployment web --image=nginx:1.27 --replicas=1")
        shell.advance(20)
        let pod = try #require(shell.names("get pods").first)
        let path = { (template: String) in shell.out("get pod \(pod) -o jsonpath='\(template)'") }
        #expect(path("{.spec.serviceAccountName}") == "default")
        #expect(path("{.spec.priority}") == "0")
        #expect(path("{.spec.preemptionPolicy}") == "PreemptLowerPriority")
        #expect(path("{.spec.enableServiceLinks}") == "true")
        let volume = path("{.spec.volumes[0].name}")
        #expect(volume.hasPrefix("kube-api-access-") && volume.count == "kube-api-access-".count + 5)
        #expect(path("{.spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds}") == "3607")
        #expect(path("{.spec.volumes[0].projected.sources[1].configMap.name}") == "kube-root-ca.crt")
        #expect(path("{.spec.containers[0].volumeMounts[0].mountPath}") == "/var/run/secrets/kubernetes.io/serviceaccount")
        #expect(path("{.spec.containers[0].volumeMounts[0].name}") == volume)
        #expect(path("{.spec.containers[0].volumeMounts[0].readOnly}") == "true")
        #expect(path("{.status.hostIPs[0].ip}") == path("{.status.hostIP}"))
        #expect(path("{.status.containerStatuses[0].imageID}").hasPrefix("docker.io/library/nginx@sha256:"))
        // containerd's ids are 64 hex digits.
        #expect(path("{.status.containerStatuses[0].containerID}").wholeMatch(of: /containerd:\/\/[0-9a-f]{64}/) != nil)
        // The template the ReplicaSet copies carries none of it.
        #expect(shell.out("get rs -o jsonpath={.items[0].spec.template.spec.volumes}") == "")
        #expect(shell.out("get rs -o jsonpath={.items[0].spec.template.spec.priority}") == "")
        // describe shows the mount and the projected volume.
        let describe = shell.out("describe pod \(pod)")
        #expect(describe.contains("/var/run/secrets/kubernetes.io/serviceaccount from \(volume) (ro)"))
        #expect(describe.contains("Type:                    Projected (a volume that contains injected data from multiple sources)"))
    }

    @Test func imageReferencesAreQualifiedAsTheRuntimeReportsThem() {
        #expect(ImageReference.repository("nginx:1.27") == "docker.io/library/nginx")
        #expect(ImageReference.repository("kiamol/ch02-hello-kiamol") == "docker.io/kiamol/ch02-hello-kiamol")
        #expect(ImageReference.repository("registry.k8s.io/kube-proxy:v1.33.0") == "registry.k8s.io/kube-proxy")
        #expect(ImageReference.repository("localhost:5000/app@sha256:abc") == "localhost:5000/app")
        #expect(ImageReference.digestReference("nginx:1.27") == ImageReference.digestReference("nginx:1.27"))
        #expect(ImageReference.digestReference("nginx:1.27") != ImageReference.digestReference("nginx:1.26"))
        #expect(ImageReference.digestReference("nginx").split(separator: ":").last?.count == 64)
    }
}
