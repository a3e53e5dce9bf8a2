import Cluster

/// The errors of a command that visits several objects (label, annotate), printed as kubectl's
/// CheckErr prints the aggregate once the visit is over. One alone is printed as CheckErr
/// prints any error (`error: …`, `The Pod "x" is invalid: …`); several each take a line as
/// MultipleErrors words them: a server's as `Error from server (Invalid): Pod "x" is invalid: …`,
/// kubectl's own without the `error: ` prefix.
struct VisitErrors {
    private var errors: [any Error] = []

    mutating func add(_ error: any Error) { errors.append(error) }

    /// One of kubectl's own errors, worded without the `error: ` prefix.
    mutating func add(_ message: String) { errors.append(KubectlError("error: " + message)) }

    /// Writes them to standard error (marking the command failed), after whatever the visit printed.
    func print(into out: inout CommandOutput) {
        guard errors.count == 1 else {
            for error in errors { out.fail(Self.aggregateLine(error)) }
            return
        }
        out.fail(Execution.kubectlMessage(for: errors[0]))
    }

    /// MultipleErrors' line for one error (messageForError): StandardErrorMessage's wording of a
    /// server error, the error's own text otherwise.
    static func aggregateLine(_ error: any Error) -> String {
        switch error {
        case let error as APIError: error.description
        case let error as KubectlError: error.message.hasPrefix("error: ") ? String(error.message.dropFirst("error: ".count)) : error.message
        default: "\(error)"
        }
    }
}
