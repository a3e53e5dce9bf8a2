/// The kubelets' words for every pod of a template, made once for the whole cluster (see
/// `StringMemo`): each is a function of a container name or an image alone, so every kubelet
/// can share them. Shared, a message is one string in use on every node and stays in cache;
/// kept per kubelet, each of 5,000 nodes touched its own copy, cold by its next pod.
final class KubeletMessages {
    var created = StringMemo { String(concatenating: "Created container: ", $0) }
    var started = StringMemo { String(concatenating: "Started container ", $0) }
    var pulling = StringMemo { String(concatenating: "Pulling image \"", $0, "\"") }
    var unready = StringMemo { String(concatenating: "containers with unready status: [", $0, "]") }
}
