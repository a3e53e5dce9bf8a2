import Cluster
import Commands

/// A list answer as a streamed body: `prefix`, the items separated by commas, `suffix`, in
/// pieces of about `pieceBytes`. Each item is encoded once, straight into the piece that carries
/// it, and a piece is let go once the connection has it. Each pass keeps its own memo of what
/// consecutive items share.
enum StreamedList {
    static let defaultPieceBytes = 256 * 1024

    static func body(prefix: [UInt8], objects: [any APIObject], suffix: [UInt8], pieceBytes: Int = defaultPieceBytes,
                     item: @escaping (any APIObject, inout ByteWriter, inout PodJSONMemo) -> Void) -> StreamedBody {
        StreamedBody {
            var started = false
            var ended = false
            var index = 0
            var memo = PodJSONMemo()
            return {
                guard !ended else { return nil }
                // Written through a raw buffer, handed on as an array (one copy a piece).
                var piece = ByteWriter(capacity: min(pieceBytes, defaultPieceBytes) * 5 / 4)
                if !started {
                    piece.append(contentsOf: prefix)
                    started = true
                }
                // At least one item a piece, however small the pieces.
                var items = 0
                while index < objects.count && (items == 0 || piece.count < pieceBytes) {
                    if index > 0 { piece.append(UInt8(ascii: ",")) }
                    item(objects[index], &piece, &memo)
                    index += 1
                    items += 1
                }
                if index == objects.count {
                    piece.append(contentsOf: suffix)
                    ended = true
                }
                return piece.withBytes { Array($0) }
            }
        }
    }

    /// `PodList`, `DeploymentList`…: `{"apiVersion":…,"items":[…],"kind":…,"metadata":…}`, the
    /// keys in the sorted order every object of the API is written in.
    static func json(_ objects: [any APIObject], resource: ServedResource, metadata: [(String, JSONValue)],
                     pieceBytes: Int = defaultPieceBytes) -> StreamedBody {
        var prefix = Array(#"{"apiVersion":"#.utf8)
        JSONValue.string(resource.groupVersion).writeCompactJSON(into: &prefix)
        prefix += Array(#","items":["#.utf8)
        var suffix = Array(#"],"kind":"#.utf8)
        JSONValue.string("\(resource.kind)List").writeCompactJSON(into: &suffix)
        suffix += Array(#","metadata":"#.utf8)
        JSONValue.object(metadata).writeCompactJSON(into: &suffix)
        suffix.append(UInt8(ascii: "}"))
        return body(prefix: prefix, objects: objects, suffix: suffix, pieceBytes: pieceBytes) { object, out, memo in
            ServedObjectJSON.write(object, as: resource, typeMeta: false, into: &out, memo: &memo)
        }
    }
}
