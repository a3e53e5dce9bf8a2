import Cluster

/// Where a document came from: its file, as the user named it, and its number in the file.
struct ManifestSource: Equatable, Sendable {
    var file: String
    /// Counts from 1 over the documents that hold something (empty ones are skipped).
    var document: Int

    /// `"app.yaml" (document 2)`: kubectl's quoted source, plus the document number it lacks.
    var quoted: String { "\"\(file)\" (document \(document))" }
    /// `app.yaml (document 2)`, for the one message where kubectl does not quote the file.
    var plain: String { "\(file) (document \(document))" }
}

/// kubectl's wording for every way a manifest can be wrong, in one place. Client-side problems
/// are KubectlErrors (printed as they are); server-side ones stay APIErrors so that Invalid
/// errors print as `The Deployment "x" is invalid: …`.
enum ManifestErrors {
    static func pathDoesNotExist(_ path: String) -> KubectlError {
        KubectlError("error: the path \"\(path)\" does not exist")
    }

    /// A named file that cannot be read whole: the system's refusal in Go's words (`open FILE:
    /// permission denied`), or kubesim's bounds on what it reads.
    static func unreadable(_ file: String, _ failure: BoundedFile.Failure, limit: Int) -> KubectlError {
        switch failure {
        case .missing: pathDoesNotExist(file)
        case .notRegular(let kind):
            KubectlError("error: the path \"\(file)\" is \(kind), not a file: kubesim reads manifests from files and folders")
        case .tooLarge:
            KubectlError("error: the file \"\(file)\" is larger than \(BoundedFile.size(limit)), the most kubesim reads from one manifest file")
        case let .unreadable(operation, reason): KubectlError("error: \(operation) \(file): \(reason)")
        }
    }

    /// The YAML itself is broken (`problem` is go-yaml's `line N: …`).
    static func parsing(_ source: ManifestSource, _ problem: String) -> KubectlError {
        KubectlError("error: error parsing \(source.plain): error converting YAML to JSON: yaml: \(problem)")
    }

    /// A document over YAMLLimits: too large for one API request (the API server's 413, which
    /// kubectl prints with its `error when creating` prefix), or an alias bomb (go-yaml's error,
    /// inside kubectl's YAML-to-JSON conversion).
    static func overLimit(_ source: ManifestSource, _ error: YAMLLimitError) -> KubectlError {
        switch error {
        case .tooLarge:
            KubectlError("Error from server (RequestEntityTooLarge): error when creating \(source.quoted): \(error)")
        case .excessiveAliasing, .collectionKey:
            parsing(source, "\(error)")
        }
    }

    /// The document is YAML but not an object kubectl can decode.
    static func decoding(_ source: ManifestSource, _ reason: String) -> KubectlError {
        KubectlError("error: unable to decode \(source.quoted): \(reason)")
    }

    /// Schema validation: unknown fields, wrong types, missing required fields.
    static func validating(_ source: ManifestSource, _ problems: [String]) -> KubectlError {
        let detail = problems.count == 1 ? problems[0] : "[" + problems.joined(separator: ", ") + "]"
        return KubectlError("error: error validating \(source.quoted): error validating data: \(detail); if you choose to ignore these errors, turn validation off with --validate=false")
    }

    /// A kind (or apiVersion) the simulated API server does not serve.
    static func noMapping(_ source: ManifestSource, name: String, namespace: String, kind: String, version: String) -> KubectlError {
        KubectlError("error: resource mapping not found for name: \"\(name)\" namespace: \"\(namespace)\" from \(source.quoted): no matches for kind \"\(kind)\" in version \"\(version)\"\nensure CRDs are installed first")
    }

    /// A server error while writing an object, with kubectl's `error when creating "FILE": ` prefix.
    static func server(_ error: APIError, creating source: ManifestSource) -> APIError {
        var wrapped = error
        wrapped.message = "error when creating \(source.quoted): \(error.message)"
        return wrapped
    }

    /// An Invalid error, printed by kubectl as `The Deployment "x" is invalid: …`.
    static func invalid(_ kind: Kind, _ name: String, _ causes: [String]) -> APIError {
        APIError.invalid(kind, name, causes)
    }

    /// The API server could not decode a value (a quantity, say) into the object.
    static func badRequest(_ source: ManifestSource, kind: Kind, _ reason: String) -> APIError {
        server(APIError(.badRequest, "\(kind.rawValue) in version \"v1\" cannot be handled as a \(kind.rawValue): \(reason)"), creating: source)
    }

    static func namespaceNotFound(_ source: ManifestSource, _ namespace: String) -> APIError {
        server(APIError(.notFound, "namespaces \"\(namespace)\" not found"), creating: source)
    }
}
