/// Kubernetes' generated names: the alphabet without vowels or look-alike characters
/// (apimachinery util/rand), used for pod suffixes and template hashes.
public enum NameGenerator {
    public static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
    /// The same alphabet as bytes: names are written in place, a pod's two of them (its own
    /// suffix, its token volume's) each built from Characters cost a few thousand instructions.
    private static let alphabetBytes = Array(String(alphabet).utf8)
    static let maxNameLength = 63
    static let randomLength = 5

    /// `base` (cut to 58 characters) followed by five random characters (storage/names).
    public static func generate(base: String, using random: inout SeededRandom) -> String {
        let kept = maxNameLength - randomLength
        // A base of at most 58 bytes has at most 58 characters: nothing to cut.
        let cut = base.utf8.count <= kept ? base : String(base.prefix(kept))
        return cut + randomCharacters(randomLength, using: &random)
    }

    /// `count` characters of the alphabet, one draw of `random` each, in order.
    static func randomCharacters(_ count: Int, using random: inout SeededRandom) -> String {
        String(unsafeUninitializedCapacity: count) { out in
            for i in 0..<count { out[i] = alphabetBytes[random.int(in: 0...(alphabetBytes.count - 1))] }
            return count
        }
    }

    /// rand.SafeEncodeString: each byte mapped through the alphabet.
    public static func safeEncode(_ text: String) -> String {
        String(text.utf8.map { alphabet[Int($0) % alphabet.count] })
    }
}

/// The pod-template-hash (controller_utils.go ComputeHash): FNV-1a over the template, plus the
/// deployment's collisionCount, printed in decimal and safe-encoded.
public enum TemplateHash {
    public static func compute(_ template: PodTemplate, collisionCount: Int = 0) -> String {
        var hash: UInt32 = 2_166_136_261
        func feed(_ s: String) {
            for byte in s.utf8 {
                hash ^= UInt32(byte)
                hash = hash &* 16_777_619
            }
        }
        feed(canonical(template))
        if collisionCount != 0 { feed(String(collisionCount)) }
        return NameGenerator.safeEncode(String(hash))
    }

    /// A stable printed form of the template: every map is written with its keys sorted, so
    /// the same template always gives the same hash.
    /// Ports as `[80, 443]` while they are unnamed TCP ports (so existing templates keep their
    /// hash), with name and protocol once a port has either.
    static func portsText(_ ports: [ContainerPort]) -> String {
        "[" + ports.map { p in
            p.name.isEmpty && p.protocol == "TCP" ? String(p.containerPort) : "\(p.name):\(p.containerPort)/\(p.protocol)"
        }.joined(separator: ", ") + "]"
    }

    static func canonical(_ t: PodTemplate) -> String {
        func map(_ m: [String: String]) -> String { "{" + m.keys.sorted().map { "\($0):\(m[$0]!)" }.joined(separator: ",") + "}" }
        var parts = ["labels=" + map(t.labels), "annotations=" + map(t.annotations)]
        for c in t.spec.containers {
            parts.append("container{name=\(c.name),image=\(c.image),cpu=\(c.requests.cpuMillis),mem=\(c.requests.memoryBytes),ports=\(portsText(c.ports))}")
        }
        parts.append("nodeSelector=" + map(t.spec.nodeSelector))
        for tol in t.spec.tolerations {
            parts.append("toleration{\(tol.key),\(tol.operator),\(tol.value),\(tol.effect),\(tol.tolerationSeconds.map(String.init) ?? "")}")
        }
        parts.append("grace=\(t.spec.terminationGracePeriodSeconds),restart=\(t.spec.restartPolicy)")
        return parts.joined(separator: ";")
    }
}
