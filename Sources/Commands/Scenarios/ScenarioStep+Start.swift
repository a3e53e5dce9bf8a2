import Cluster

extension ScenarioStep {
    /// Begins the step on the session: what it prints at once and the part that runs on in
    /// virtual time (a blocking command, a sleep, a wait). The header line is not included.
    /// Both the headless runner and the dashboard's player start steps here, so they agree.
    public func start(on session: Session) -> Execution {
        switch self {
        case .run(let line): session.execute(line)
        case .caption, .pause: Execution()
        case .sleep(let duration): Execution(operation: Sleep(until: session.cluster.now + duration))
        case .wait(let condition, let timeout):
            Execution(operation: WaitOperation(condition: condition, started: session.cluster.now, timeout: timeout))
        }
    }
}
