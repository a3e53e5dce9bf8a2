import ArgumentParser

/// `--serve` takes an optional value (`kubesim --serve`, `kubesim --serve=127.0.0.1:8080`), which
/// ArgumentParser cannot express: alone, it is given the default address. A following word that
/// looks like an address (`--serve 127.0.0.1:8080`) is its value as for any option.
func withServeDefault(_ arguments: [String]) -> [String] {
    var result: [String] = []
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        if argument == "--" {
            result += arguments[index...]
            break
        }
        if argument == "--serve" {
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            if let next, !next.hasPrefix("-"), next.contains(":") {
                result += [argument, next]
                index += 2
                continue
            }
            result.append("--serve=" + DashboardCommand.serveDefault)
        } else {
            result.append(argument)
        }
        index += 1
    }
    return result
}

KubesimCommand.main(withServeDefault(Array(CommandLine.arguments.dropFirst())))
