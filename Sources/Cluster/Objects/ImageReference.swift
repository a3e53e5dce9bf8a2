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
    /// Read for every container start (its start-up log), so it slices instead of splitting.
    public static func shortName(_ image: String) -> String {
        let last = lastSegment(image)
        return String(firstPiece(last, ":") ?? last)
    }

    /// `nginx:1.27` → `1.27`; no tag → `latest`, as a runtime reads it.
    public static func tag(_ image: String) -> String {
        let last = lastSegment(image)
        let parts = last.split(separator: ":", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : "latest"
    }

    /// The last non-empty `/` segment of what comes before the first `@` (empty pieces skipped,
    /// as `split` skips them; the whole text when there is no piece).
    private static func lastSegment(_ image: String) -> Substring {
        let path = firstPiece(image[...], "@") ?? image[...]
        return lastPiece(path, "/") ?? path
    }

    // Image names are ASCII: their bytes are their characters, and reading bytes skips the
    // grapheme breaking that made slicing by Character cost thousands of instructions a name.
    private static func firstPiece(_ text: Substring, _ separator: Character) -> Substring? {
        guard let byte = separator.asciiValue, text.utf8.allSatisfy({ $0 < 0x80 }) else {
            guard let start = text.firstIndex(where: { $0 != separator }) else { return nil }
            return text[start..<(text[start...].firstIndex(of: separator) ?? text.endIndex)]
        }
        let bytes = text.utf8
        guard let start = bytes.firstIndex(where: { $0 != byte }) else { return nil }
        return text[start..<(bytes[start...].firstIndex(of: byte) ?? bytes.endIndex)]
    }

    private static func lastPiece(_ text: Substring, _ separator: Character) -> Substring? {
        guard let byte = separator.asciiValue, text.utf8.allSatisfy({ $0 < 0x80 }) else {
            guard let last = text.lastIndex(where: { $0 != separator }) else { return nil }
            let end = text.index(after: last)
            return text[(text[..<end].lastIndex(of: separator).map { text.index(after: $0) } ?? text.startIndex)..<end]
        }
        let bytes = text.utf8
        guard let last = bytes.lastIndex(where: { $0 != byte }) else { return nil }
        let end = bytes.index(after: last)
        return text[(bytes[..<end].lastIndex(of: byte).map { bytes.index(after: $0) } ?? bytes.startIndex)..<end]
    }
}
