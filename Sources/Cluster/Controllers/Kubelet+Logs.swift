/// What the kubelet's containers write: each new instance its application's start-up lines,
/// and an application that exits by itself its last words. A container the kubelet kills
/// (failed probe, pod deleted) says nothing special.
extension Kubelet {
    /// A new container instance runs: its log starts (the one before kept as the previous).
    func writeStartup(of container: Container, status: ContainerStatus, in pod: Pod) {
        guard case .running(let startedAt) = status.state else { return }
        logs.startApplication(podUID: pod.metadata.uid, container: container.name, containerID: status.containerID,
                              restartCount: status.restartCount, image: container.image,
                              port: container.ports.first?.containerPort ?? AccessLog.defaultPort, at: startedAt)
    }

    /// The application's process exits by itself (a crash, or `--crash-after`).
    func applicationExited(_ name: String, containerID: String, exitCode: Int, in pod: Pod) {
        if logs.newest(podUID: pod.metadata.uid, container: name)?.containerID == containerID {
            logs.append(StartupLog.exitLine(exitCode: exitCode), podUID: pod.metadata.uid, container: name, at: store.now)
        }
        containerExited(name, containerID: containerID, exitCode: exitCode, in: pod)
    }
}
