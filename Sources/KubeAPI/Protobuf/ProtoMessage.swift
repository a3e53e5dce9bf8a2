/// One message of k8s.io/api's generated.proto, as much of it as kubesim reads: field numbers,
/// the JSON names Go's json tags give them, and which fields are Go pointers.
struct ProtoMessage: Sendable {
    /// The Go type's name, as gogo's errors print it (`proto: ObjectMeta: illegal tag …`).
    let name: String
    let fields: [ProtoField]

    init(_ name: String, _ fields: [ProtoField]) {
        self.name = name
        self.fields = fields
    }

    func field(_ number: Int64) -> ProtoField? { fields.first { Int64($0.number) == number } }
}

struct ProtoField: Sendable {
    let number: Int
    let json: String
    let type: ProtoType
    let repeated: Bool
    /// A Go pointer (`*int32`, `*RollingUpdateDeployment`): gogo writes it only when set, so its
    /// zero value (`replicas: 0`, `emptyDir: {}`) means something. Other fields are written always
    /// and their zero values read as unset, as JSON's omitempty leaves them out.
    let presence: Bool

    init(_ number: Int, _ json: String, _ type: ProtoType, repeated: Bool = false, presence: Bool = false) {
        self.number = number
        self.json = json
        self.type = type
        self.repeated = repeated
        self.presence = presence
    }

    static func list(_ number: Int, _ json: String, _ type: ProtoType) -> ProtoField {
        ProtoField(number, json, type, repeated: true)
    }
    static func pointer(_ number: Int, _ json: String, _ type: ProtoType) -> ProtoField {
        ProtoField(number, json, type, presence: true)
    }

    /// The Go struct field's name, as `proto: wrong wireType = 2 for field Replicas` prints it.
    var goName: String {
        switch json {
        case "metadata": return type.isInline ? json : "ObjectMeta"
        case "uid": return "UID"
        case "apiVersion": return "APIVersion"
        case "tty": return "TTY"
        case "qosClass": return "QOSClass"
        default: return json.prefix(1).uppercased() + json.dropFirst()
        }
    }
}

indirect enum ProtoType: Sendable {
    case string
    case bool
    case int32
    case int64
    case message(ProtoMessage)
    /// A Go embedded struct (`VolumeSource` in `Volume`): its fields join the parent's JSON object.
    case inline(ProtoMessage)
    /// `map<string, T>`: repeated entries {1 key, 2 value}; JSON object with sorted keys.
    case map(ProtoType)
    /// meta/v1 Time {1 seconds, 2 nanos}: RFC 3339 to the second.
    case time
    /// meta/v1 MicroTime: RFC 3339 with microseconds.
    case microTime
    /// resource.Quantity {1 string}: its text.
    case quantity
    /// intstr.IntOrString {1 type, 2 intVal, 3 strVal}: a JSON number or string.
    case intOrString

    var isInline: Bool { if case .inline = self { true } else { false } }

    var wireType: WireType {
        switch self {
        case .bool, .int32, .int64: .varint
        default: .lengthDelimited
        }
    }
}
