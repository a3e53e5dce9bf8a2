import Cluster

/// The errors of a command that visits several objects (label, annotate), printed as kubectl's
/// CheckErr prints the aggregate once the visit is over: one error alone as `error: …`, several
/// each on a line of its own without the prefix (MultipleErrors). Server errors (`Error from
/// server (NotFound): …`) read the same either way.
struct VisitErrors {
    private var messages: [String] = []

    /// Notes an error (kubectl's `error: ` prefix, if the text has it, is for printing alone).
    mutating func add(_ message: String) {
        messages.append(message.hasPrefix("error: ") ? String(message.dropFirst("error: ".count)) : message)
    }

    /// Writes them to standard error (marking the command failed), after whatever the visit printed.
    func print(into out: inout CommandOutput) {
        guard messages.count == 1 else {
            for message in messages { out.fail(message) }
            return
        }
        out.fail(messages[0].hasPrefix("Error from server") ? messages[0] : "error: " + messages[0])
    }
}
