import PropertyBased
import Testing
@testable import Cluster

/// Event messages are written in one allocation: whatever the parts, the text is what joining
/// them (as an interpolation would) gives.
@Suite struct StringConcatenationPropertyTests {
    static let part = Gen.unicodeScalar(in: "\u{20}"..."\u{3FF}").array(of: 0...24).map { scalars in
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars)
        return s
    }

    @Test func theTextIsThePartsJoined() async {
        await propertyCheck(count: 500, input: Self.part.array(of: 0...6)) { parts in
            let joined: String
            switch parts.count {
            case 0: joined = String(concatenating: [String]())
            case 1: joined = String(concatenating: parts[0])
            case 2: joined = String(concatenating: parts[0], parts[1])
            case 3: joined = String(concatenating: parts[0], parts[1], parts[2])
            default: joined = String(concatenating: parts[0], parts[1], parts[2], parts[3...].joined())
            }
            #expect(joined == parts.joined())
            #expect(Array(joined.utf8) == Array(parts.joined().utf8))
        }
    }

    @Test func eventMessagesReadAsKubernetesWritesThem() {
        #expect(String(concatenating: "Successfully assigned ", "default", "/", "web-5d8f7c9b4-abcde", " to ", "node-1")
            == "Successfully assigned default/web-5d8f7c9b4-abcde to node-1")
        // A part sliced from another string, and parts short enough to be held inline.
        let long = "kiamol/ch03-sleep:latest-and-a-long-tag"
        #expect(String(concatenating: "Pulling image \"", String(long.dropLast(20)), "\"") == "Pulling image \"kiamol/ch03-sleep:l\"")
        #expect(String(concatenating: "a", "", "b") == "ab")
    }
}
