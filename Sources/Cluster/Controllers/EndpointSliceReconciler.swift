/// The EndpointSlice controller's placement of endpoints into slices (endpointslice reconciler,
/// reconcileByPortMapping and finalize): keep each endpoint in the slice that has it, drop the
/// ones no longer wanted, fill the slices being rewritten anyway, then one unchanged slice the
/// rest fit in best, then new slices of at most `maxEndpoints`; a service with no endpoints keeps
/// one empty placeholder slice. Slices keep their names, so watchers see few writes.
struct EndpointSliceReconciler {
    /// Endpoints of one set of ports, in the order they are placed.
    struct Group {
        var ports: [EndpointPort]
        var endpoints: [SliceEndpoint]
    }

    struct Plan {
        var create: [EndpointSlice] = []
        var update: [EndpointSlice] = []
        var delete: [EndpointSlice] = []
    }

    var maxEndpoints: Int
    /// A new, unnamed slice for a set of ports (labels, owner, generateName filled in).
    var newSlice: ([EndpointPort]) -> EndpointSlice
    /// The labels a slice of this service must carry.
    var labels: [String: String]

    /// Which pod an endpoint is (EndpointSet's key).
    static func identity(_ e: SliceEndpoint) -> String {
        "\(e.targetRef?.namespace ?? "")/\(e.targetRef?.name ?? "")/\(e.addresses.joined(separator: ","))"
    }

    func plan(existing: [EndpointSlice], desired: [Group]) -> Plan {
        var plan = Plan()
        let existingByPorts = Dictionary(grouping: existing, by: { Set($0.ports) })
        var wantedPorts: Set<Set<EndpointPort>> = []
        for group in desired {
            let key = Set(group.ports)
            wantedPorts.insert(key)
            let part = reconcile(existingByPorts[key] ?? [], group)
            plan.create += part.create
            plan.update += part.update
            plan.delete += part.delete
        }
        for slice in existing where !wantedPorts.contains(Set(slice.ports)) { plan.delete.append(slice) }
        plan.delete.sort { $0.name < $1.name }
        // No endpoints at all: one placeholder slice stands for the service.
        if existing.count == plan.delete.count && plan.create.isEmpty {
            let placeholder = newSlice([])
            if plan.delete.count == 1, plan.delete[0].ports.isEmpty, plan.delete[0].endpoints.isEmpty,
               plan.delete[0].metadata.labels == labels {
                plan.delete = []
            } else {
                plan.create.append(placeholder)
            }
        }
        // Creating and deleting at once: reuse the names of the slices that would go.
        while !plan.create.isEmpty, !plan.delete.isEmpty {
            var slice = plan.create.removeLast()
            let old = plan.delete.removeFirst()
            slice.metadata = old.metadata
            slice.metadata.labels = labels
            plan.update.append(slice)
        }
        return plan
    }

    private func reconcile(_ existing: [EndpointSlice], _ group: Group) -> Plan {
        var remaining = group.endpoints
        var desired: [String: SliceEndpoint] = [:]
        for e in group.endpoints { desired[Self.identity(e)] = e }
        var toUpdate: [EndpointSlice] = []
        var unchanged: [EndpointSlice] = []
        var toDelete: [EndpointSlice] = []
        var placed: Set<String> = []
        for slice in existing.sorted(by: { $0.name < $1.name }) {
            var kept: [SliceEndpoint] = []
            var changed = false
            for endpoint in slice.endpoints {
                let id = Self.identity(endpoint)
                guard let wanted = desired[id], !placed.contains(id) else { continue }
                kept.append(wanted)
                placed.insert(id)
                if wanted != endpoint { changed = true }
            }
            if changed || kept.count != slice.endpoints.count {
                if kept.isEmpty {
                    toDelete.append(slice)
                } else {
                    var copy = slice
                    copy.endpoints = kept
                    copy.metadata.labels = labels
                    toUpdate.append(copy)
                }
            } else if slice.metadata.labels != labels {
                var copy = slice
                copy.metadata.labels = labels
                toUpdate.append(copy)
            } else {
                unchanged.append(slice)
            }
        }
        remaining.removeAll { placed.contains(Self.identity($0)) }
        // Fill the slices being written anyway, fullest first.
        if !remaining.isEmpty && !toUpdate.isEmpty {
            toUpdate.sort { $0.endpoints.count != $1.endpoints.count ? $0.endpoints.count > $1.endpoints.count : $0.name < $1.name }
            for i in toUpdate.indices {
                let room = maxEndpoints - toUpdate[i].endpoints.count
                guard room > 0, !remaining.isEmpty else { continue }
                toUpdate[i].endpoints += remaining.prefix(room)
                remaining.removeFirst(min(room, remaining.count))
            }
        }
        var toCreate: [EndpointSlice] = []
        while !remaining.isEmpty {
            var slice: EndpointSlice
            if remaining.count < maxEndpoints, let best = sliceToFill(unchanged, adding: remaining.count) {
                unchanged.removeAll { $0.name == best.name }
                slice = best
            } else {
                slice = newSlice(group.ports)
            }
            let room = maxEndpoints - slice.endpoints.count
            slice.endpoints += remaining.prefix(room)
            remaining.removeFirst(min(room, remaining.count))
            if slice.name.isEmpty { toCreate.append(slice) } else { toUpdate.append(slice) }
        }
        return Plan(create: toCreate, update: toUpdate, delete: toDelete)
    }

    /// getSliceToFill: the unchanged slice that `count` more endpoints bring closest to full.
    private func sliceToFill(_ slices: [EndpointSlice], adding count: Int) -> EndpointSlice? {
        var best: EndpointSlice?
        var closest = maxEndpoints
        for slice in slices {
            let left = maxEndpoints - (count + slice.endpoints.count)
            if left >= 0 && left < closest {
                closest = left
                best = slice
                if left == 0 { break }
            }
        }
        return best
    }
}
