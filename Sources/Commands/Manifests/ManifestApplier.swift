import Cluster

/// `kubectl apply -f` and `kubectl create -f`. Every document of every file is read, checked
/// against the schema, decoded, and validated as the API server would validate it (by writing
/// the resulting object into a scratch cluster, so the store's own rules apply too). Only when
/// every document passes is anything written: a bad document leaves the cluster as it was.
public struct ManifestApplier {
    enum Mode { case apply, create }

    let cluster: Cluster
    let mode: Mode
    var validator = SchemaValidator()
    /// Where objects whose file names no namespace go (`-n`, or `default`).
    var namespace = "default"
    /// Whether `-n` was given: then a file naming another namespace is refused, as kubectl does.
    var enforceNamespace = false
    /// `create --save-config`: record the last-applied configuration as `apply` always does.
    var saveConfig = false

    init(cluster: Cluster, mode: Mode) {
        self.cluster = cluster
        self.mode = mode
    }

    /// `kubectl apply -f FILE…` on `cluster`, for front ends that start from manifests.
    public static func apply(files: [String], to cluster: Cluster) -> CommandOutput {
        Execution.capturing { out in
            try ManifestApplier(cluster: cluster, mode: .apply).run(paths: files, into: &out)
            return nil
        }.output
    }

    /// `kubectl apply -f` of manifest text kubesim carries itself (`file` names it in errors).
    public static func apply(text: String, file: String, to cluster: Cluster) -> CommandOutput {
        Execution.capturing { out in
            try ManifestApplier(cluster: cluster, mode: .apply).run(documents: ManifestReader.documents(in: text, file: file), into: &out)
            return nil
        }.output
    }

    /// Reads `paths` (files or folders) and writes their objects, printing kubectl's lines.
    func run(paths: [String], into out: inout CommandOutput) throws {
        var documents: [ManifestDocument] = []
        for path in paths {
            for file in try ManifestReader.files(for: path) { documents += try ManifestReader.read(file: file) }
        }
        try run(documents: documents, into: &out)
    }

    func run(documents: [ManifestDocument], into out: inout CommandOutput) throws {
        let scratch = Cluster(seed: cluster.seed, pace: cluster.pace, nodes: 0)
        var objects: [DecodedObject] = []
        var failures: [String] = []
        for document in documents {
            do {
                for var object in try ManifestInterpreter.objects(in: document, validator: validator) {
                    try placeInNamespace(&object)
                    if mode == .apply || saveConfig { recordConfiguration(&object) }
                    try check(object, scratch: scratch)
                    objects.append(object)
                }
            } catch {
                failures.append(Execution.kubectlMessage(for: error))
            }
        }
        guard failures.isEmpty else {
            for failure in failures { out.fail(failure) }
            return
        }
        guard !objects.isEmpty else { throw KubectlError("error: no objects passed to \(mode == .apply ? "apply" : "create")") }
        for object in objects {
            do {
                out.out(try write(object, warnings: &out) + "\n")
            } catch {
                out.fail(Execution.kubectlMessage(for: error))
            }
        }
    }

    /// Stores the file's object as its last-applied configuration (kubectl's CreateApplyAnnotation).
    private func recordConfiguration(_ object: inout DecodedObject) {
        let namespace = object.kind.isNamespaced ? object.object.metadata.namespace : nil
        object.object.metadata.annotations[LastAppliedConfiguration.key] = LastAppliedConfiguration.json(of: object.manifest, namespace: namespace)
    }

    // MARK: checking

    /// kubectl's namespace rule for a file's object: the file's namespace, else `-n`'s; both
    /// given and different is an error.
    private func placeInNamespace(_ object: inout DecodedObject) throws {
        guard object.kind.isNamespaced else { return }
        let fileNamespace = object.object.metadata.namespace
        if fileNamespace.isEmpty {
            object.object.metadata.namespace = namespace
        } else if enforceNamespace && fileNamespace != namespace {
            throw KubectlError("error: the namespace from the provided object \"\(fileNamespace)\" does not match the namespace \"\(namespace)\". You must pass '--namespace=\(fileNamespace)' to perform this operation.")
        }
    }

    /// Everything the API server would refuse, found without touching the cluster.
    private func check(_ object: DecodedObject, scratch: Cluster) throws {
        if mode == .apply && object.name.isEmpty && !object.object.metadata.generateName.isEmpty {
            throw KubectlError("error: from \(object.source.quoted): cannot use generate name with apply")
        }
        let result = mode == .apply ? try ManifestPlanner.change(for: object, in: cluster.store).result : object.object
        var causes: [String] = []
        // Validation is the question here; whether the namespace exists is answered when writing.
        let namespace = result.metadata.namespace
        if object.kind.isNamespaced, !scratch.store.namespaceExists(namespace) { _ = try? scratch.store.create(Namespace(name: namespace)) }
        do {
            _ = try Self.create(result, in: scratch.store)
        } catch let error as APIError where error.reason == .invalid {
            causes = error.causes
        } catch {
            // Already there: the same name twice in the files. Not a validation problem.
        }
        // ValidateObjectMeta checks annotations after the name and labels, before the spec.
        let metadataCauses = causes.prefix { $0.hasPrefix("metadata.") }.count
        causes.insert(contentsOf: ServerRules.annotationSize(result.metadata.annotations), at: metadataCauses)
        causes += object.causes
        if !causes.isEmpty {
            let meta = object.object.metadata
            throw ManifestErrors.invalid(object.kind, meta.name.isEmpty ? meta.generateName : meta.name, causes)
        }
    }

    // MARK: writing

    /// Writes one object and returns kubectl's line: `deployment.apps/web created`.
    private func write(_ object: DecodedObject, warnings: inout CommandOutput) throws -> String {
        let change: ManifestChange
        switch mode {
        case .apply:
            change = try ManifestPlanner.change(for: object, in: cluster.store)
            if let live = cluster.store.object(kind: object.kind, key: object.object.key),
               live.metadata.annotations[LastAppliedConfiguration.key] == nil {
                warnings.err(LastAppliedConfiguration.missingWarning(object.kind, live.name))
            }
        case .create:
            if !object.name.isEmpty, cluster.store.object(kind: object.kind, key: object.object.key) != nil {
                throw ManifestErrors.server(APIError.alreadyExists(object.kind, object.name), creating: object.source)
            }
            change = .create(object.object)
        }
        do {
            switch change {
            case .create(let o):
                let created = try (o as? Node).map(createNode) ?? Self.create(o, in: cluster.store)
                return "\(object.kind.qualifiedSingular)/\(created.name) created"
            case .update(let o):
                try Self.update(o, in: cluster.store)
                return "\(object.kind.qualifiedSingular)/\(o.name) configured"
            case .unchanged(let o):
                return "\(object.kind.qualifiedSingular)/\(o.name) unchanged"
            }
        } catch let error as APIError {
            throw error.reason == .invalid ? ManifestErrors.invalid(object.kind, error.name, error.causes)
                : ManifestErrors.server(error, creating: object.source)
        }
    }

    /// A node is a machine with a kubelet: it joins through `addNode` (NotReady until its
    /// kubelet is up), then takes the file's labels, annotations, taints and cordon.
    func createNode(_ node: Node) throws -> any APIObject {
        try cluster.addNode(name: node.name, capacity: node.status.capacity)
        let now = cluster.now
        return try cluster.store.modify(Node.self, node.name) { live in
            live.metadata.labels.merge(node.metadata.labels) { _, file in file }
            live.metadata.annotations.merge(node.metadata.annotations) { _, file in file }
            live.spec.taints += node.spec.taints.map { ManifestPlanner.stamped($0, now: now) }
            live.spec.unschedulable = node.spec.unschedulable
        }
    }

    // The store's generic create/update, called on the object's own type (Swift opens the
    // existential), so no kind needs a case of its own here.
    static func create(_ object: any APIObject, in store: Store) throws -> any APIObject {
        try store.create(object)
    }

    static func update(_ object: any APIObject, in store: Store) throws {
        try store.update(object)
    }
}
