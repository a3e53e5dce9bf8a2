/// What the API server's DaemonSet strategy writes (pkg/registry/apps/daemonset): the template
/// generation, starting at 1 and bumped on every template change, kept in the
/// `deprecated.daemonset.template.generation` annotation that pods are labelled with.
enum DaemonSetStrategy {
    static func prepareForCreate(_ ds: inout DaemonSet) {
        ds.metadata.annotations[DaemonSetController.templateGenerationAnnotation] = "1"
    }

    static func prepareForUpdate(_ ds: inout DaemonSet, old: DaemonSet) {
        let key = DaemonSetController.templateGenerationAnnotation
        let previous = Int64(old.metadata.annotations[key] ?? "") ?? 1
        ds.metadata.annotations[key] = String(ds.spec.template != old.spec.template ? previous + 1 : previous)
    }
}
