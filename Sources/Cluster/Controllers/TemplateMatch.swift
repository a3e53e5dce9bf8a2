extension ReplicaSet {
    /// Whether this ReplicaSet runs `template`: its own template equal to it but for the
    /// `pod-template-hash` label (deploymentutil.EqualIgnoreHash). Compared in place: a
    /// deployment syncs on nearly every pod change, and copying the template to drop the label
    /// built a new labels dictionary each time.
    public func runsTemplate(_ template: PodTemplate) -> Bool {
        let own = spec.template
        let hashKey = "pod-template-hash"
        guard template.labels.valueScanning(forKey: hashKey) == nil,
              own.labels.count - (own.labels.valueScanning(forKey: hashKey) == nil ? 0 : 1) == template.labels.count,
              template.labels.allSatisfy({ own.labels.valueScanning(forKey: $0.key) == $0.value }) else { return false }
        return own.annotations == template.annotations && own.spec == template.spec
    }
}
