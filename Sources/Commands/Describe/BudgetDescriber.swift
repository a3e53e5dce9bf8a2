import Cluster

/// `kubectl describe poddisruptionbudget` (describe.go describePodDisruptionBudgetV1).
enum BudgetDescriber {
    static func describe(_ pdb: PodDisruptionBudget, into w: inout DescribeWriter) {
        w.write(0, "Name:\t\(pdb.name)\n")
        w.write(0, "Namespace:\t\(pdb.metadata.namespace)\n")
        if let min = pdb.spec.minAvailable {
            w.write(0, "Min available:\t\(min)\n")
        } else if let max = pdb.spec.maxUnavailable {
            w.write(0, "Max unavailable:\t\(max)\n")
        }
        if let selector = pdb.spec.selector {
            // metav1.FormatLabelSelector: an empty selector prints as <none>.
            w.write(0, "Selector:\t\(selector.isEmpty ? "<none>" : selector.description)\n")
        } else {
            w.write(0, "Selector:\t<unset>\n")
        }
        w.write(0, "Status:\n")
        w.write(2, "Allowed disruptions:\t\(pdb.status.disruptionsAllowed)\n")
        w.write(2, "Current:\t\(pdb.status.currentHealthy)\n")
        w.write(2, "Desired:\t\(pdb.status.desiredHealthy)\n")
        w.write(2, "Total:\t\(pdb.status.expectedPods)\n")
    }
}
