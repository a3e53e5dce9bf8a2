import Cluster

/// `sim image` and `sim crash`: the simulated registry and applications, so pods can fail the
/// ways real ones do (ErrImagePull, CrashLoopBackOff, failing probes).
extension SimulatorCommand {
    static let imageUsage = "error: usage: sim image [IMAGE [--missing] [--pull-time 3s] [--size 120MB] [--ready-after 5s] [--crash-after 10s] [--exit-code N] [--reset]]"

    static func image(_ args: [String], cluster: Cluster, out: inout CommandOutput) throws {
        let parser = FlagParser(command: "sim image", flags: [
            .init(long: "missing", short: nil, isBool: true), .init(long: "reset", short: nil, isBool: true),
            .init(long: "pull-time", short: nil, isBool: false), .init(long: "size", short: nil, isBool: false),
            .init(long: "ready-after", short: nil, isBool: false), .init(long: "crash-after", short: nil, isBool: false),
            .init(long: "exit-code", short: nil, isBool: false),
        ])
        let flags = try parser.parse(args)
        guard flags.positional.count <= 1 else { throw KubectlError(imageUsage) }
        guard let image = flags.positional.first else {
            if !flags.values.isEmpty { throw KubectlError(imageUsage) }
            return out.out(imageTable(cluster))
        }
        var behavior = flags.bool("reset") ? ImageBehavior() : cluster.imageBehavior(image)
        if flags.has("missing") { behavior.missing = flags.bool("missing") }
        if let text = flags.string("pull-time") { behavior.pullTime = try duration(text, flag: "pull-time") }
        if let text = flags.string("ready-after") { behavior.readyAfter = try duration(text, flag: "ready-after") }
        if let text = flags.string("crash-after") { behavior.crashAfter = try duration(text, flag: "crash-after") }
        if let text = flags.string("size") {
            guard let bytes = ImageSize.parse(text) else {
                throw KubectlError("error: invalid argument \(text.goQuoted) for \"--size\" flag: expected a size such as 120MB, 1.5GB or 80Mi")
            }
            behavior.sizeBytes = bytes
        }
        if let text = flags.string("exit-code") {
            guard let code = Int(text), (0...255).contains(code) else {
                throw KubectlError("error: invalid argument \(text.goQuoted) for \"--exit-code\" flag: an exit code is 0 to 255")
            }
            behavior.exitCode = code
        }
        cluster.configureImage(image, behavior)
        out.out("image/\(image) \(summary(cluster.imageBehavior(image)))\n")
    }

    /// `sim crash pod/NAME [-c CONTAINER] [-n NS]`.
    static func crash(_ args: [String], cluster: Cluster, out: inout CommandOutput) throws {
        let parser = FlagParser(command: "sim crash", flags: [
            .init(long: "container", short: "c", isBool: false), .init(long: "namespace", short: "n", isBool: false),
        ])
        let flags = try parser.parse(args)
        guard flags.positional.count == 1 else { throw KubectlError("error: usage: sim crash pod/NAME [-c CONTAINER]") }
        var name = flags.positional[0]
        for prefix in ["pod/", "pods/", "po/"] where name.hasPrefix(prefix) { name = String(name.dropFirst(prefix.count)) }
        do {
            let container = try cluster.crashContainer(pod: name, namespace: flags.namespace, container: flags.string("container"))
            out.out("pod/\(name) container \(container) crashed\n")
        } catch let error as CrashError {
            throw KubectlError("error: \(error.description)")
        }
    }

    private static func duration(_ text: String, flag: String) throws -> SimDuration {
        guard let d = GoDuration.parse(text), d >= .zero else {
            throw KubectlError("error: invalid argument \(text.goQuoted) for \"--\(flag)\" flag: time: invalid duration \(text.goQuoted)")
        }
        return d
    }

    /// `configured: missing, pull 3s, …` or `uses the defaults` after a reset.
    private static func summary(_ b: ImageBehavior) -> String {
        guard !b.isDefault else { return "reset: pulls and runs healthy" }
        var parts: [String] = []
        if b.missing { parts.append("missing from the registry") }
        if let t = b.pullTime { parts.append("pulls in \(t)") }
        if let s = b.sizeBytes { parts.append("\(s) bytes") }
        if let t = b.readyAfter { parts.append("ready after \(t)") }
        if let t = b.crashAfter { parts.append("exits after \(t) with code \(b.exitCode ?? 1)") }
        else if let code = b.exitCode { parts.append("exit code \(code) when crashed") }
        return "configured: " + parts.joined(separator: ", ")
    }

    private static func imageTable(_ cluster: Cluster) -> String {
        let images = cluster.configuredImages
        guard !images.isEmpty else { return "No images configured: every image pulls and runs healthy.\n" }
        var rows = [["IMAGE", "PULL", "PULL TIME", "SIZE", "READY AFTER", "CRASH AFTER", "EXIT CODE"]]
        for (image, b) in images {
            rows.append([image, b.missing ? "missing" : "ok", b.pullTime.map(\.description) ?? "<default>",
                         String(cluster.imageSize(image)), b.readyAfter.map(\.description) ?? "0s",
                         b.crashAfter.map(\.description) ?? "<none>", String(b.exitCode ?? 1)])
        }
        let widths = rows[0].indices.map { col in rows.map { $0[col].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(toLength: widths[i] + 3, withPad: " ", startingAt: 0) }.joined()
        }.joined(separator: "\n") + "\n"
    }
}

/// An image size as people write it: `120MB`, `1.5GB`, `80Mi`, `500000` (bytes).
enum ImageSize {
    static func parse(_ text: String) -> Int? {
        let gi = 1_073_741_824.0, mi = 1_048_576.0, ki = 1024.0
        let units: [(String, Double)] = [("GiB", gi), ("MiB", mi), ("KiB", ki), ("Gi", gi), ("Mi", mi), ("Ki", ki),
                                         ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("kB", 1e3), ("G", 1e9), ("M", 1e6), ("K", 1e3), ("k", 1e3), ("B", 1)]
        var number = text, scale = 1.0
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            number = String(text.dropLast(suffix.count))
            scale = factor
            break
        }
        guard let value = Double(number), value > 0, value * scale < 1e15 else { return nil }
        return Int(value * scale)
    }
}
