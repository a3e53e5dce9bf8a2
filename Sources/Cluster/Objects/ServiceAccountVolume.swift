/// A volume of a pod. kubesim models the one every pod gets from the ServiceAccount admission
/// plugin: `kube-api-access-XXXXX`, a projected volume of the service account's token, the
/// cluster's CA (the `kube-root-ca.crt` ConfigMap) and the pod's namespace.
public struct Volume: Equatable, Sendable {
    public var name: String
    /// The token's lifetime the plugin asks for (an hour plus seven seconds of skew).
    public var tokenExpirationSeconds: Int = 3607

    public init(name: String) { self.name = name }
}

/// Where a container sees a volume.
public struct VolumeMount: Equatable, Sendable {
    public var name: String
    public var mountPath: String
    public var readOnly: Bool

    public init(name: String, mountPath: String, readOnly: Bool) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
    }
}

/// What the API server's admission plugins and defaulting add to every new pod.
enum PodAdmission {
    static let serviceAccountMountPath = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// ServiceAccount (the default account and its token volume, mounted read-only in every
    /// container), Priority (0 and PreemptLowerPriority without a priority class) and the
    /// enableServiceLinks default. The volume's suffix comes from the pod's name rather than a
    /// fresh random draw, so adding it leaves every other generated name as it was.
    /// SetDefaults_Pod: a resource limited but not requested is requested at its limit.
    static func defaultRequestsFromLimits(_ pod: inout Pod) {
        for i in pod.spec.containers.indices {
            let limits = pod.spec.containers[i].limits
            if limits.cpuMillis > 0 && pod.spec.containers[i].requests.cpuMillis == 0 { pod.spec.containers[i].requests.cpuMillis = limits.cpuMillis }
            if limits.memoryBytes > 0 && pod.spec.containers[i].requests.memoryBytes == 0 { pod.spec.containers[i].requests.memoryBytes = limits.memoryBytes }
        }
    }

    static func admit(_ pod: inout Pod) {
        if pod.spec.serviceAccountName.isEmpty { pod.spec.serviceAccountName = "default" }
        if pod.spec.priority == nil { pod.spec.priority = 0 }
        if pod.spec.preemptionPolicy == nil { pod.spec.preemptionPolicy = "PreemptLowerPriority" }
        if pod.spec.enableServiceLinks == nil { pod.spec.enableServiceLinks = true }
        defaultRequestsFromLimits(&pod)
        guard !pod.spec.volumes.contains(where: { $0.name.hasPrefix("kube-api-access-") }) else { return }
        let name = "kube-api-access-" + suffix(namespace: pod.metadata.namespace, name: pod.metadata.name)
        pod.spec.volumes.append(Volume(name: name))
        for i in pod.spec.containers.indices where !pod.spec.containers[i].volumeMounts.contains(where: { $0.mountPath == serviceAccountMountPath }) {
            pod.spec.containers[i].volumeMounts.append(VolumeMount(name: name, mountPath: serviceAccountMountPath, readOnly: true))
        }
    }

    /// Five characters of the generated-name alphabet, drawn from the stable hash of
    /// `NAMESPACE/NAME` (hashed piece by piece: the same hash, no joined string).
    static func suffix(namespace: String, name: String) -> String {
        var draws = SeededRandom(seed: StableHash.fnv1a(name, continuing: StableHash.fnv1a("/", continuing: StableHash.fnv1a(namespace))))
        return NameGenerator.randomCharacters(5, using: &draws)
    }
}
