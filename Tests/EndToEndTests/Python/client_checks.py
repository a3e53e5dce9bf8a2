"""What the Python kubernetes client does against `kubesim serve`, one check per line.

Usage: python3 client_checks.py KUBECONFIG
Prints `ok <check>` for each check that passes; exits 1 at the first failure with the reason.
Expects a deployment `web` of 3 replicas in `default` (it waits for them to run).
"""
import sys
import time

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException


def fail(check, why):
    print(f"FAIL {check}: {why}", flush=True)
    sys.exit(1)


def wait_for(check, predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    fail(check, f"condition not met within {timeout}s")


def main(kubeconfig):
    config.load_kube_config(config_file=kubeconfig)
    core = client.CoreV1Api()
    apps = client.AppsV1Api()

    def running_web_pods():
        return [p for p in core.list_namespaced_pod("default", label_selector="app=web").items
                if p.status.phase == "Running" and p.metadata.deletion_timestamp is None]
    wait_for("list", lambda: len(running_web_pods()) == 3, timeout=60)
    pods = core.list_namespaced_pod("default", label_selector="app=web")
    if len(pods.items) != 3:
        fail("list", f"expected 3 web pods, got {[p.metadata.name for p in pods.items]}")
    print("ok list", flush=True)

    # A kill seen by a watch: the victim MODIFIED (terminating) then DELETED, its replacement ADDED.
    victim = pods.items[0].metadata.name
    start_rv = pods.metadata.resource_version
    w = watch.Watch()
    core.delete_namespaced_pod(victim, "default")
    seen = {"ADDED": set(), "MODIFIED": set(), "DELETED": set()}
    last_rv = start_rv
    for event in w.stream(core.list_namespaced_pod, "default", label_selector="app=web",
                          resource_version=start_rv, timeout_seconds=30):
        name = event["object"].metadata.name
        seen[event["type"]].add(name)
        last_rv = event["object"].metadata.resource_version
        if victim in seen["DELETED"] and seen["ADDED"] - {victim}:
            w.stop()
    if victim not in seen["DELETED"] or not (seen["ADDED"] - {victim}):
        fail("watch", f"events seen: {seen}")
    if victim not in seen["MODIFIED"]:
        fail("watch", f"no MODIFIED for the terminating pod: {seen}")
    print("ok watch", flush=True)

    # Reconnecting from the last resourceVersion replays nothing already seen and goes on live.
    replacement = sorted(seen["ADDED"] - {victim})[0]
    w = watch.Watch()
    core.patch_namespaced_pod(replacement, "default", {"metadata": {"labels": {"checked": "yes"}}})
    for event in w.stream(core.list_namespaced_pod, "default", resource_version=last_rv, timeout_seconds=30):
        obj = event["object"]
        if int(obj.metadata.resource_version) <= int(last_rv):
            fail("reconnect", f"replayed an event at or before {last_rv}: {obj.metadata.resource_version}")
        if obj.metadata.name == replacement and (obj.metadata.labels or {}).get("checked") == "yes":
            w.stop()
            break
    else:
        fail("reconnect", "the relabel after the resourceVersion never arrived")
    print("ok reconnect", flush=True)

    # The scale subresource, patched.
    scale = apps.patch_namespaced_deployment_scale("web", "default", {"spec": {"replicas": 5}})
    if scale.spec.replicas != 5:
        fail("scale", f"scale answered {scale.spec.replicas}")
    wait_for("scale", lambda: len(core.list_namespaced_pod("default", label_selector="app=web").items) == 5)
    print("ok scale", flush=True)

    # An eviction through policy/v1.
    target = core.list_namespaced_pod("default", label_selector="app=web").items[0].metadata.name
    body = client.V1Eviction(metadata=client.V1ObjectMeta(name=target, namespace="default"))
    core.create_namespaced_pod_eviction(target, "default", body)

    def gone():
        try:
            pod = core.read_namespaced_pod(target, "default")
            return pod.metadata.deletion_timestamp is not None
        except ApiException as e:
            return e.status == 404
    wait_for("evict", gone)
    print("ok evict", flush=True)

    # Errors arrive as ApiException with the API server's status.
    try:
        core.read_namespaced_pod("no-such-pod", "default")
        fail("notfound", "reading a missing pod succeeded")
    except ApiException as e:
        if e.status != 404 or '"reason":"NotFound"' not in e.body.replace(" ", ""):
            fail("notfound", f"status {e.status} body {e.body}")
    print("ok notfound", flush=True)

    # Nodes deserialize into the client's models: every field a real server always sends is
    # there (status.nodeInfo.kubeProxyVersion is "" since 1.31, but present).
    nodes = core.list_node().items
    if not nodes or any(n.status.node_info.kubelet_version != "v1.33.1" for n in nodes):
        fail("nodes", f"nodes {[n.metadata.name for n in nodes]}")
    if core.read_node(nodes[0].metadata.name).status.node_info.kube_proxy_version != "":
        fail("nodes", "kubeProxyVersion is not the empty string a 1.33 server sends")
    print("ok nodes", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
