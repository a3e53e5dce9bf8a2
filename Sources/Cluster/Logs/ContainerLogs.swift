/// What containers have written to standard output, as the kubelet keeps it: per pod (uid) and
/// container, the running instance's log and the one before it (`logs --previous`), each
/// holding its last `lineCap` lines. A pod's logs go with the pod.
public final class ContainerLogs {
    /// Lines kept per container instance; older ones are dropped (as log rotation would).
    public static let lineCap = 1000
    /// Instances kept per container: the running one and the one before it (the kubelet keeps
    /// the last dead container, which `lastState` names, for `logs --previous`).
    static let instancesKept = 2

    /// By pod uid: each container's kept instances, oldest first. A pod's logs are an object of
    /// their own, so a line written reaches its instance after one lookup of the uid; nested
    /// dictionaries hashed the uid and the container name again at each level, five times for
    /// a container's start. The uid keeps its hash: the table grows to every pod of the
    /// cluster, and each growth would otherwise hash every uid again.
    private var pods: [PrehashedString: PodLogs] = [:]

    private final class PodLogs {
        /// A pod has one or a few containers: found by name in order, without hashing.
        var containers: [(name: String, instances: [ContainerInstanceLog])] = []

        func index(of container: String) -> Int? { containers.firstIndex { $0.name == container } }

        func instances(of container: String) -> [ContainerInstanceLog]? { index(of: container).map { containers[$0].instances } }
    }
    /// Numbers every line ever written, so a follower can ask for what came after the last it saw.
    private var nextSequence = 0

    /// Start-up line counts by image: reading an image's short name is slow string work, done
    /// once per image instead of once per container started.
    private var startupLineCounts: [String: Int] = [:]

    /// Called for every line written (the API server's log followers).
    private var listeners: [(_ podUID: String, _ container: String, _ line: LogLine) -> Void] = []

    public init() {}

    public func onAppend(_ listener: @escaping (_ podUID: String, _ container: String, _ line: LogLine) -> Void) {
        listeners.append(listener)
    }

    /// A new instance of `container` starts; the oldest kept one goes. Starting the same
    /// instance again (a node that came back) keeps its log.
    public func startInstance(podUID: String, container: String, containerID: String, restartCount: Int) {
        start(in: podLogs(podUID), container: container, containerID: containerID, restartCount: restartCount)
    }

    /// A container instance starts and runs its application: the instance begins (as
    /// `startInstance`), and its start-up lines follow unless it has written already (the
    /// same instance on a node that came back). The pod's logs are looked up once for both.
    func startApplication(podUID: String, container: String, containerID: String, restartCount: Int,
                          image: String, port: Int, at time: SimTime) {
        let logs = podLogs(podUID)
        let i = start(in: logs, container: container, containerID: containerID, restartCount: restartCount)
        guard logs.containers[i].instances.last(where: { $0.containerID == containerID })?.isEmpty ?? false else { return }
        deferStartup(in: logs, at: i, image: image, containerID: containerID, port: port, time: time)
    }

    private func podLogs(_ podUID: String) -> PodLogs {
        let podUID = PrehashedString(podUID)
        if let known = pods[podUID] { return known }
        let logs = PodLogs()
        pods[podUID] = logs
        return logs
    }

    /// Starts the instance in the pod's logs; the container's index there.
    @discardableResult
    private func start(in logs: PodLogs, container: String, containerID: String, restartCount: Int) -> Int {
        let i: Int
        if let known = logs.index(of: container) { i = known } else { i = logs.containers.count; logs.containers.append((container, [])) }
        guard !logs.containers[i].instances.contains(where: { $0.containerID == containerID }) else { return i }
        logs.containers[i].instances.append(ContainerInstanceLog(containerID: containerID, restartCount: restartCount))
        let excess = logs.containers[i].instances.count - Self.instancesKept
        if excess > 0 { logs.containers[i].instances.removeFirst(excess) }
        return i
    }

    /// The newest instance of `container` writes `text` at `time` (one line, no newline). Per
    /// request access lines come through here too.
    public func append(_ text: String, podUID: String, container: String, at time: SimTime) {
        // Written through the pod's object: holding the instances while appending would make the
        // log's storage shared and copy all of it on every line.
        guard let logs = pods[PrehashedString(podUID)], let i = logs.index(of: container), !logs.containers[i].instances.isEmpty else { return }
        nextSequence += 1
        let line = LogLine(time: time, text: text, sequence: nextSequence)
        logs.containers[i].instances[logs.containers[i].instances.count - 1].append(line)
        for listener in listeners { listener(podUID, container, line) }
    }

    /// The start-up lines of the newest instance of the container at `i`, made when they are
    /// read. No listener misses them: a follow begins on a running instance (reading what it
    /// has written), and a follower of the instance before stops with it.
    private func deferStartup(in logs: PodLogs, at i: Int, image: String, containerID: String, port: Int, time: SimTime) {
        let deferred = StartupLog.Deferred(image: image, containerID: containerID, port: port, time: time, firstSequence: nextSequence + 1)
        if let known = startupLineCounts[image] {
            nextSequence += known
        } else {
            startupLineCounts[image] = deferred.count
            nextSequence += deferred.count
        }
        logs.containers[i].instances[logs.containers[i].instances.count - 1].defer(deferred)
    }

    /// The log of the instance `containerID` of `container`, if it is still kept.
    public func instance(podUID: String, container: String, containerID: String) -> ContainerInstanceLog? {
        pods[PrehashedString(podUID)]?.instances(of: container)?.last { $0.containerID == containerID }
    }

    /// The newest instance of `container`.
    public func newest(podUID: String, container: String) -> ContainerInstanceLog? { pods[PrehashedString(podUID)]?.instances(of: container)?.last }

    /// The pod is gone: its containers' logs go too.
    public func forget(podUID: String) { pods.removeValue(forKey: PrehashedString(podUID)) }

    /// How many pods have logs kept (memory bound checks).
    public var podCount: Int { pods.count }
}

/// One line of a container's output, stamped with the virtual time it was written.
public struct LogLine: Equatable, Sendable {
    public let time: SimTime
    public let text: String
    /// Order among every line the cluster's containers wrote.
    public let sequence: Int

    public init(time: SimTime, text: String, sequence: Int) {
        self.time = time
        self.text = text
        self.sequence = sequence
    }
}

/// The log of one container instance, holding its last `ContainerLogs.lineCap` lines.
public struct ContainerInstanceLog: Sendable {
    public let containerID: String
    public let restartCount: Int
    private var storage: [LogLine] = []
    /// Start-up lines that come before `storage`, made on each read until the first line after
    /// them is written.
    private var deferred: StartupLog.Deferred?

    init(containerID: String, restartCount: Int) {
        self.containerID = containerID
        self.restartCount = restartCount
    }

    public var lines: ArraySlice<LogLine> {
        guard let deferred else { return storage.suffix(ContainerLogs.lineCap) }
        return (deferred.lines + storage).suffix(ContainerLogs.lineCap)
    }

    /// Nothing written yet, deferred or not.
    var isEmpty: Bool { deferred == nil && storage.isEmpty }

    /// Start-up lines come first in an instance's log.
    mutating func `defer`(_ startup: StartupLog.Deferred) {
        precondition(isEmpty, "start-up lines come before anything else in an instance's log")
        deferred = startup
    }

    private mutating func writeOutDeferred() {
        guard let deferred else { return }
        storage.insert(contentsOf: deferred.lines, at: 0)
        self.deferred = nil
    }

    /// Lines written after the line numbered `sequence` (what a follower has not seen yet).
    public func lines(after sequence: Int) -> ArraySlice<LogLine> {
        let all = lines
        guard let first = all.firstIndex(where: { $0.sequence > sequence }) else { return all[all.endIndex...] }
        return all[first...]
    }

    mutating func append(_ line: LogLine) {
        writeOutDeferred()
        storage.append(line)
        // Trimmed in batches, so appending stays cheap while at most a quarter more is held.
        if storage.count >= ContainerLogs.lineCap + ContainerLogs.lineCap / 4 {
            storage.removeFirst(storage.count - ContainerLogs.lineCap)
        }
    }
}
