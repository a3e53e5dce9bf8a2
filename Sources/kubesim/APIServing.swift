import APIServer
import ArgumentParser
import Foundation
import KubeAPI

/// Starting the API for `kubesim serve` and `kubesim --serve`: parse the address, bind, write
/// the kubeconfig, and say where it is. Errors end the program with status 1, worded as Go's.
struct APIServing {
    let server: APIServer
    let address: ListenAddress
    let kubeconfigPath: String

    /// `listen` is nil for the default (loopback); an explicit non-loopback address serves
    /// without authentication and is warned about.
    /// The open-file limit is raised to the hard one first, and the connection cap fitted under it.
    static func start(listen: String?, option: String = "--listen", kubeconfig: String?, limits: APIServerLimits = APIServerLimits(),
                      queue: ClusterJobQueue, respond: @escaping (APIRequest) -> APIReply) throws -> APIServing {
        let requested: ListenAddress
        if let listen {
            switch ListenAddress.parse(listen) {
            case .success(let address): requested = address
            case .failure(let error): fail("error: invalid \(option): \(error)")
            }
        } else {
            requested = .loopbackDefault
        }
        let openFiles = OpenFileLimit.raiseToHardLimit()
        let server = APIServer(queue: queue, limits: limits.fitting(openFiles: openFiles), respond: respond)
        let bound: ListenAddress
        do {
            bound = try server.start(listen: requested)
        } catch {
            fail("error: \(error)")
        }
        let path = KubeconfigFile.resolve(kubeconfig)
        do {
            try KubeconfigFile.write(server: bound.url, to: path)
        } catch {
            server.stop()
            fail("error: cannot write the kubeconfig: \(error)")
        }
        return APIServing(server: server, address: bound, kubeconfigPath: path)
    }

    /// What the user reads: where the API is, how to point kubectl at it, and (off loopback)
    /// that anyone who can reach it can do anything.
    var announcement: String {
        var lines = ["Serving the Kubernetes API on \(address.url)"]
        if !address.isLoopback {
            lines.append("warning: the API has no authentication: anyone who can reach \(address) can read and change the cluster")
        }
        lines.append("To use it with kubectl:")
        lines.append("  \(KubeconfigFile.exportLine(kubeconfigPath))")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(1)
    }
}
