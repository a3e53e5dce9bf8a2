/// The simulator's levers for the ways pods fail (`sim image`, `sim crash`).
extension Cluster {
    /// How `image` behaves in the registry and when it runs.
    public func imageBehavior(_ image: String) -> ImageBehavior { registry.behavior(of: image) }

    /// Sets how `image` behaves from now on (pulls and containers started after this).
    public func configureImage(_ image: String, _ behavior: ImageBehavior) { registry.configure(image, behavior) }

    /// Every image with a behaviour other than the default, by name.
    public var configuredImages: [(image: String, behavior: ImageBehavior)] {
        registry.behaviors.sorted { $0.key < $1.key }.map { (image: $0.key, behavior: $0.value) }
    }

    /// The pull size `image` reports (its configured size, else its seeded one).
    public func imageSize(_ image: String) -> Int { registry.size(of: image) }

    /// Crashes the running container `container` (the pod's first when nil) of pod `name` once.
    /// Returns the container's name.
    @discardableResult
    public func crashContainer(pod name: String, namespace: String = "default", container: String? = nil) throws -> String {
        guard let pod = store.get(Pod.self, name, namespace: namespace) else { throw APIError.notFound(.pod, name) }
        let target = container ?? pod.spec.containers.first?.name ?? ""
        guard pod.spec.containers.contains(where: { $0.name == target }) else {
            throw CrashError("container \(target) is not valid for pod \(name)")
        }
        guard let kubelet = fleet.kubelets[pod.spec.nodeName], kubelet.isRunning, kubelet.crash(target, in: pod) else {
            throw CrashError("container \(target) in pod \(name) is not running")
        }
        return target
    }
}

/// Why `sim crash` could not crash a container.
public struct CrashError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
