/// The add-ons kubeadm installs in `kube-system` (cmd/kubeadm/app/phases/addons): a kube-proxy
/// DaemonSet on every Linux node, and a two-replica coredns Deployment behind the `kube-dns`
/// Service at 10.96.0.10, as in a fresh v1.33 cluster.
public enum SystemComponents {
    public static let namespace = "kube-system"
    public static let kubeProxyImage = "registry.k8s.io/kube-proxy:v1.33.0"
    public static let corednsImage = "registry.k8s.io/coredns/coredns:v1.12.0"
    static let linuxOnly = ["kubernetes.io/os": "linux"]

    /// Creates both objects; their controllers create the pods as the cluster runs.
    public static func install(into cluster: Cluster) throws {
        try cluster.store.create(kubeProxy())
        try cluster.store.create(coredns())
        try cluster.store.create(kubeDNS())
    }

    /// The cluster's DNS address (the kubelet's clusterDNS): the tenth of the service range.
    public static let dnsServiceIP = "10.96.0.10"

    /// kube-dns: the Service pods' resolvers point at, in front of coredns (DNS on 53 over UDP
    /// and TCP, metrics on 9153).
    public static func kubeDNS() -> Service {
        let labels = ["k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS"]
        let ports = [ServicePort(name: "dns", protocol: "UDP", port: 53, targetPort: "53"),
                     ServicePort(name: "dns-tcp", port: 53, targetPort: "53"),
                     ServicePort(name: "metrics", port: 9153, targetPort: "9153")]
        return Service(metadata: ObjectMeta(name: "kube-dns", namespace: namespace, labels: labels),
                       spec: ServiceSpec(selector: ["k8s-app": "kube-dns"], ports: ports, clusterIP: dnsServiceIP))
    }

    /// kube-proxy: tolerates every taint (`operator: Exists`), so it runs on every node, ready or
    /// not, in the node's network (its pods' IPs are the nodes').
    public static func kubeProxy() -> DaemonSet {
        let labels = ["k8s-app": "kube-proxy"]
        var spec = PodSpec(containers: [Container(name: "kube-proxy", image: kubeProxyImage)])
        spec.nodeSelector = linuxOnly
        spec.tolerations = [Toleration(key: "", operator: "Exists")]
        spec.serviceAccountName = "kube-proxy"
        // kubeadm's kube-proxy programs the node's own network, so it runs in it.
        spec.hostNetwork = true
        let template = PodTemplate(labels: labels, spec: spec)
        return DaemonSet(metadata: ObjectMeta(name: "kube-proxy", namespace: namespace, labels: labels),
                         spec: DaemonSetSpec(selector: LabelSelector(matchLabels: labels), template: template))
    }

    /// coredns: 2 replicas requesting 100m CPU and 70Mi memory, tolerating CriticalAddonsOnly and
    /// the control-plane taint, rolled one pod at a time (maxUnavailable 1).
    public static func coredns() -> Deployment {
        let labels = ["k8s-app": "kube-dns"]
        let requests = ResourceAmounts(cpuMillis: 100, memoryBytes: 70 << 20)
        let ports = [ContainerPort(containerPort: 53, name: "dns", protocol: "UDP"), ContainerPort(containerPort: 53, name: "dns-tcp"),
                     ContainerPort(containerPort: 9153, name: "metrics")]
        var spec = PodSpec(containers: [Container(name: "coredns", image: corednsImage, requests: requests, ports: ports)])
        spec.nodeSelector = linuxOnly
        spec.tolerations = [
            Toleration(key: "CriticalAddonsOnly", operator: "Exists"),
            Toleration(key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule"),
        ]
        spec.serviceAccountName = "coredns"
        var deploymentSpec = DeploymentSpec(replicas: 2, selector: LabelSelector(matchLabels: labels),
                                            template: PodTemplate(labels: labels, spec: spec))
        deploymentSpec.strategy.maxUnavailable = "1"
        return Deployment(metadata: ObjectMeta(name: "coredns", namespace: namespace, labels: labels), spec: deploymentSpec)
    }
}
