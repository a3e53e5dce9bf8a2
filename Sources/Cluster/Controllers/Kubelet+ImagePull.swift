/// A pull the registry refuses (`sim image IMAGE --missing`): ErrImagePull, then ImagePullBackOff
/// until the pull back-off (10 s doubling to 5 min, per pod and image) lets the kubelet try again
/// (kubelet image_manager EnsureImageExists).
extension Kubelet {
    static func pullBackOffKey(_ pod: Pod, _ image: String) -> String { "\(pod.metadata.uid)_\(image)" }

    /// containerd's answer for a tag the registry does not have.
    static func pullError(_ image: String) -> String {
        let reference: String
        if let at = image.firstIndex(of: "@") {
            reference = ImageReference.repository(image) + image[at...]
        } else {
            reference = "\(ImageReference.repository(image)):\(ImageReference.tag(image))"
        }
        return "rpc error: code = NotFound desc = failed to pull and unpack image \"\(reference)\": "
            + "failed to resolve reference \"\(reference)\": \(reference): not found"
    }

    func pullFailed(_ container: Container, in pod: Pod, retry next: @escaping (Pod) -> Void) {
        let image = container.image, now = store.now
        let error = Self.pullError(image)
        recorder.record(pod, type: "Warning", reason: "Failed", message: "Failed to pull image \"\(image)\": \(error)",
                        from: eventSource, container: container.name)
        recorder.record(pod, type: "Warning", reason: "Failed", message: "Error: ErrImagePull", from: eventSource, container: container.name)
        let key = Self.pullBackOffKey(pod, image)
        pullBackOff.next(key, eventTime: now, now: now)
        guard let waiting = setWaiting(container.name, in: pod, reason: "ErrImagePull", message: error) else { return }
        let retryAt = pullBackOff.end(key) ?? now
        // The pod worker syncs again at once and finds the pull in back-off.
        after(pace.kubeletReaction, waiting) { [unowned self] pod in pullInBackOff(container, in: pod, until: retryAt) }
        after(retryAt - now, waiting) { [unowned self] pod in
            guard !pod.isTerminating else { return }
            ensureImage(container, in: pod, then: next)
        }
    }

    /// A sync during the pull back-off: ImagePullBackOff, with its events; failed syncs are
    /// retried every 10 s until the back-off ends.
    private func pullInBackOff(_ container: Container, in pod: Pod, until retryAt: SimTime) {
        guard !pod.isTerminating, store.now < retryAt else { return }
        let message = "Back-off pulling image \"\(container.image)\""
        recorder.record(pod, reason: "BackOff", message: message, from: eventSource, container: container.name)
        recorder.record(pod, type: "Warning", reason: "Failed", message: "Error: ImagePullBackOff", from: eventSource, container: container.name)
        let current = pod.status.containerStatuses.first { $0.name == container.name }
        let waiting = current?.state == .waiting(reason: "ImagePullBackOff") ? pod
            : setWaiting(container.name, in: pod, reason: "ImagePullBackOff", message: message) ?? pod
        guard store.now + Self.syncRetry < retryAt else { return }
        after(Self.syncRetry, waiting) { [unowned self] pod in pullInBackOff(container, in: pod, until: retryAt) }
    }

    /// Writes a waiting state (reason and message) for container `name`; returns the stored pod.
    @discardableResult
    func setWaiting(_ name: String, in pod: Pod, reason: String, message: String) -> Pod? {
        writeStatus(pod) { p in
            guard let i = p.status.containerStatuses.firstIndex(where: { $0.name == name }) else { return }
            p.status.containerStatuses[i].state = .waiting(reason: reason)
            p.status.containerStatuses[i].waitingMessage = message
            p.status.containerStatuses[i].ready = false
        }
    }
}
