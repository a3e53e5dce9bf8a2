/// How a container runtime names an image it pulled: the fully qualified repository
/// (`docker.io/library/nginx`) and a sha256 digest.
public enum ImageReference {
    /// `kiamol/ch02-hello-kiamol` → `docker.io/kiamol/ch02-hello-kiamol`; `nginx` →
    /// `docker.io/library/nginx`; a registry host (a first segment with a dot, a colon or
    /// `localhost`) is kept.
    public static func repository(_ image: String) -> String {
        var name = image
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        let segments = name.split(separator: "/").map(String.init)
        if let last = segments.last, let colon = last.lastIndex(of: ":") {
            name = (segments.dropLast() + [String(last[..<colon])]).joined(separator: "/")
        }
        let first = segments.first ?? ""
        if segments.count > 1 && (first.contains(".") || first.contains(":") || first == "localhost") { return name }
        return segments.count == 1 ? "docker.io/library/\(name)" : "docker.io/\(name)"
    }

    /// `docker.io/library/nginx@sha256:<64 hex>`, the same digest for the same image every time.
    public static func digestReference(_ image: String) -> String {
        "\(repository(image))@sha256:\(StableHash.hex(StableHash.fnv1a(image), count: 64))"
    }

    /// `registry.example/team/app:1.2` → `app`: the application's own name.
    public static func shortName(_ image: String) -> String {
        let path = image.split(separator: "@").first.map(String.init) ?? image
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return last.split(separator: ":").first.map(String.init) ?? last
    }

    /// `nginx:1.27` → `1.27`; no tag → `latest`, as a runtime reads it.
    public static func tag(_ image: String) -> String {
        let path = image.split(separator: "@").first.map(String.init) ?? image
        let last = path.split(separator: "/").last.map(String.init) ?? path
        let parts = last.split(separator: ":", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : "latest"
    }
}
