/// Kubernetes' name and label syntax rules (apimachinery util/validation), with its messages.
public enum LabelValidation {
    static let qualifiedNameMessage = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    static let labelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
    static let dns1123SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"

    // The checks look at UTF-8 bytes: every allowed character is ASCII, so any other byte (of
    // a non-ASCII character) fails them just as the character would. Bytes are ~10× quicker than
    // Characters, and every pod a ReplicaSet creates is validated.
    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || isDigit(b)
    }
    private static func isLowerAlnum(_ b: UInt8) -> Bool { (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || isDigit(b) }
    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// The string's UTF-8 bytes in one buffer: a loop over it is several times quicker than one
    /// over `utf8` (native strings are stored so; others are made so on this copy).
    private static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var s = s
        return s.withUTF8(body)
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    static func isQualifiedNamePart(_ s: String) -> Bool {
        withBytes(s) { bytes in
            guard let first = bytes.first, let last = bytes.last, isAlnum(first), isAlnum(last) else { return false }
            return bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
        }
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`
    /// One pass over the bytes, no pieces: every pod's name is checked.
    static func isDNS1123Subdomain(_ s: String) -> Bool {
        withBytes(s, isDNS1123Subdomain)
    }

    private static func isDNS1123Subdomain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let dot = UInt8(ascii: ".")
        var previous = dot // as if after a dot: the first label starts here
        for b in bytes {
            if b == dot {
                guard isLowerAlnum(previous) else { return false } // a label ends alphanumeric, and is not empty
            } else if previous == dot {
                guard isLowerAlnum(b) else { return false } // and starts alphanumeric
            } else {
                guard isLowerAlnum(b) || b == UInt8(ascii: "-") else { return false }
            }
            previous = b
        }
        return isLowerAlnum(previous)
    }

    /// Errors for a label key (IsQualifiedName): optional DNS-subdomain prefix, `/`, name of ≤ 63 chars.
    public static func keyErrors(_ key: String) -> [String] {
        var errors: [String] = []
        // Most keys have no prefix (`app`, `pod-template-hash`), and every pod's are checked.
        let parts = key.utf8.contains(UInt8(ascii: "/")) ? key.split(separator: "/", omittingEmptySubsequences: false).map(String.init) : [key]
        var name = key
        if parts.count == 2 {
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part must be non-empty")
            } else if prefix.utf8.count > 253 {
                errors.append("prefix part must be no more than 253 bytes")
            } else if !isDNS1123Subdomain(prefix) {
                errors.append("prefix part \(dns1123SubdomainMessage)")
            }
        } else if parts.count > 2 {
            return ["a qualified name \(qualifiedNameMessage) with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            errors.append("name part must be non-empty")
        } else if name.utf8.count > 63 {
            errors.append("name part must be no more than 63 bytes")
        }
        if !name.isEmpty && !isQualifiedNamePart(name) {
            errors.append(qualifiedNameMessage)
        }
        return errors
    }

    /// Whether `key` is a valid label key (`keyErrors` would find none), without building
    /// messages: every pod's labels are checked, and nearly all are valid. Keys with a prefix
    /// take the long way.
    static func isValidKey(_ key: String) -> Bool {
        let plain = withBytes(key) { $0.count <= 63 && !$0.contains(UInt8(ascii: "/")) }
        return plain ? isQualifiedNamePart(key) : keyErrors(key).isEmpty
    }

    /// Whether `value` is a valid label value (`valueErrors` would find none).
    static func isValidValue(_ value: String) -> Bool {
        value.utf8.count <= 63 && (value.isEmpty || isQualifiedNamePart(value))
    }

    /// Errors for a label value (IsValidLabelValue): empty, or ≤ 63 chars of the qualified-name alphabet.
    public static func valueErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 63 { errors.append("must be no more than 63 bytes") }
        if !value.isEmpty && !isQualifiedNamePart(value) { errors.append(labelValueMessage) }
        return errors
    }

    static let dns1123LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    /// Errors for a name that must be a DNS-1123 label (Namespaces: ValidateNamespaceName).
    public static func labelNameErrors(_ name: String) -> [String] {
        var errors: [String] = []
        if name.utf8.count > 63 { errors.append("must be no more than 63 characters") }
        if name.contains(".") || !isDNS1123Subdomain(name) { errors.append(dns1123LabelMessage) }
        return errors
    }

    /// Errors for an object name that must be a DNS-1123 subdomain (Deployments, ReplicaSets, Pods, Nodes).
    public static func subdomainNameErrors(_ name: String) -> [String] {
        var errors: [String] = []
        if name.utf8.count > 253 { errors.append("must be no more than 253 bytes") }
        if !isDNS1123Subdomain(name) { errors.append(dns1123SubdomainMessage) }
        return errors
    }
}
