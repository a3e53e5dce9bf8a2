/// The page a pod's application answers with, after the kiamol hello app: which pod, on which
/// node, from which image, so `curl` in a loop shows the pods taking turns.
enum HelloPage {
    static func render(pod: Pod) -> String {
        let image = pod.spec.containers.first?.image ?? ""
        return """
        <!DOCTYPE html>
        <html><head><title>\(pod.metadata.name)</title></head>
        <body>
        <h1>Hello from \(pod.metadata.name)</h1>
        <p>pod \(pod.metadata.name) (\(pod.status.podIP)) on node \(pod.spec.nodeName), image \(image)</p>
        </body></html>

        """
    }
}
