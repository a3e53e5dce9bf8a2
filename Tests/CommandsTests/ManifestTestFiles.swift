import Foundation
@testable import Commands

/// A fresh temporary folder for one test's manifest files, removed when the test is done.
final class ManifestFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-manifests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }
}

/// Everything a user could see about the cluster, to prove a failed command changed nothing
/// (`get` takes one type per call).
func clusterFingerprint(_ shell: Shell) -> String {
    ["deployments", "replicasets", "pods", "nodes"].map { shell.out("get \($0) -o json") }.joined()
}

enum SampleManifests {
    /// A deployment using every field the issue lists, a bare pod, and the node the deployment
    /// needs (its nodeSelector and toleration match only this node).
    static func app(replicas: Int = 3, image: String = "nginx:1.25", minReadySeconds: Int = 2) -> String {
        """
        # the web tier
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app: web
            tier: frontend
        spec:
          replicas: \(replicas)
          selector:
            matchLabels:
              app: web
          strategy:
            type: RollingUpdate
            rollingUpdate:
              maxSurge: 1
              maxUnavailable: 0
          minReadySeconds: \(minReadySeconds)
          template:
            metadata:
              labels:
                app: web
            spec:
              nodeSelector:
                disk: ssd
              tolerations:
              - key: dedicated
                operator: Equal
                value: web
                effect: NoSchedule
              terminationGracePeriodSeconds: 10
              containers:
              - name: nginx
                image: \(image)
                imagePullPolicy: IfNotPresent
                ports:
                - containerPort: 80
                resources:
                  requests:
                    cpu: 250m
                    memory: 128Mi
                  limits:
                    memory: 256Mi
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
          labels:
            purpose: debugging
        spec:
          containers:
          - name: shell
            image: busybox:1.36
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: fast-1
          labels:
            disk: ssd
        spec:
          taints:
          - key: dedicated
            value: web
            effect: NoSchedule
        status:
          capacity:
            cpu: "8"
            memory: 16Gi
            pods: "110"

        """
    }

    /// A valid deployment, to be broken in one place by each bad-manifest case.
    static func deployment(name: String = "other", replicas: String = "2", labels: String = "{app: other}", extra: String = "") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(name)
        spec:
          replicas: \(replicas)
          selector:
            matchLabels: {app: other}
          template:
            metadata:
              labels: \(labels)
            spec:
              containers:
              - name: app
                image: nginx\(extra)

        """
    }
}
