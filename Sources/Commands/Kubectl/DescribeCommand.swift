import Cluster

/// `kubectl describe TYPE NAME...|TYPE/NAME|TYPE -l SELECTOR`
struct DescribeCommand {
    static let parser = FlagParser(command: "describe", flags: [
        .init(long: "selector", short: "l", isBool: false),
        .init(long: "show-events", short: nil, isBool: true),
    ])

    static func run(_ args: [String], cluster: Cluster) -> Execution {
        var out = CommandOutput()
        do {
            let flags = try parser.parse(args)
            guard !flags.positional.isEmpty else {
                throw KubectlError("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.")
            }
            let (type, refs) = try ArgumentResolver.resolve(flags.positional)
            var objects: [any APIObject] = []
            if let type, refs.isEmpty {
                let selector = try flags.string("selector").map(SelectorParser.parse) ?? LabelSelector()
                objects = cluster.store.objects(kind: type.kind, selector: selector)
                if objects.isEmpty { out.err(type == .nodes ? "No resources found\n" : "No resources found in default namespace.\n") }
            } else {
                for ref in refs {
                    if let object = cluster.store.object(kind: ref.type.kind, name: ref.name) {
                        objects.append(object)
                    } else {
                        out.fail(APIError.notFound(ref.type.kind, ref.name).description)
                    }
                }
            }
            let showEvents = flags.has("show-events") ? flags.bool("show-events") : true
            let texts = objects.map { Describer.describe($0, cluster: cluster, showEvents: showEvents) }
            out.out(texts.joined(separator: "\n\n"))
        } catch let error as KubectlError {
            out.fail(error.message)
        } catch let error as SelectorParser.ParseError {
            out.fail("error: \(error.description)")
        } catch {
            out.fail("error: \(error)")
        }
        return Execution(output: out)
    }
}
