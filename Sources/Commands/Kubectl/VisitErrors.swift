import Cluster

/// The errors of a command that visits several objects (label, annotate), printed as kubectl's
/// CheckErr prints the aggregate once the visit is over: several each on a line of its own,
/// kubectl's own messages then without their `error: ` prefix (MultipleErrors); one alone as
/// it would be printed by itself. Messages already in their printed form (a server's
/// `Error from server (NotFound): …`, `The Pod "x" is invalid: …`) read the same either way.
struct VisitErrors {
    private var messages: [(text: String, printed: Bool)] = []

    /// Notes one of kubectl's own errors, its text without the `error: ` prefix.
    mutating func add(_ message: String) { messages.append((message, false)) }

    /// Notes an error already worded as kubectl prints it.
    mutating func add(printed message: String) { messages.append((message, true)) }

    /// Writes them to standard error (marking the command failed), after whatever the visit printed.
    func print(into out: inout CommandOutput) {
        guard messages.count == 1 else {
            for message in messages { out.fail(message.text) }
            return
        }
        out.fail(messages[0].printed ? messages[0].text : "error: " + messages[0].text)
    }
}
