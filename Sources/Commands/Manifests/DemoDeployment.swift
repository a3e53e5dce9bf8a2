import Cluster

/// The deployment the dashboard starts with: the seed post's hello-kiamol-2 at 3 replicas, as
/// `kubectl create deployment` makes it, plus what a real manifest would add — CPU and memory
/// requests — so the node map's resource bars move as pods come and go.
public enum DemoDeployment {
    public static let name = "hello-kiamol-2"

    public static let manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: hello-kiamol-2
          labels: {app: hello-kiamol-2}
        spec:
          replicas: 3
          selector:
            matchLabels: {app: hello-kiamol-2}
          template:
            metadata:
              labels: {app: hello-kiamol-2}
            spec:
              containers:
              - name: ch02-hello-kiamol
                image: kiamol/ch02-hello-kiamol
                resources:
                  requests: {cpu: 100m, memory: 64Mi}
        """

    /// Applies the demo deployment; returns what `kubectl apply` printed.
    @discardableResult
    public static func create(in cluster: Cluster) -> CommandOutput {
        ManifestApplier.apply(text: manifest, file: "demo-deployment.yaml", to: cluster)
    }
}
