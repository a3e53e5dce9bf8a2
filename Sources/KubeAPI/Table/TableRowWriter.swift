import Cluster
import Commands

/// A Table's rows written straight into bytes, the same text as `TableBuilder.row` written
/// compact: a Table of 150,000 pods would otherwise build a tree of values for each row (its
/// cells and the row's object metadata) only to write it out and let it go.
struct TableRowWriter {
    let columns: [TableColumn]
    let resource: ServedResource
    let now: SimTime
    let include: ResponseShape.IncludeObject
    /// `,"object":{"apiVersion":…,"kind":"PartialObjectMetadata","metadata":`, keys sorted.
    private let metadataObjectHead: [UInt8]

    init(columns: [TableColumn], resource: ServedResource, now: SimTime, version: String, include: ResponseShape.IncludeObject) {
        self.columns = columns
        self.resource = resource
        self.now = now
        self.include = include
        var head = Array(#","object":{"apiVersion":"#.utf8)
        JSONValue.writeQuoted("meta.k8s.io/\(version)", into: &head)
        head += Array(#","kind":"PartialObjectMetadata","metadata":"#.utf8)
        metadataObjectHead = head
    }

    /// `{"cells":[…],"object":…}`: the keys in sorted order, as every object is written.
    func write(_ object: any APIObject, into out: inout ByteWriter, memo: inout PodJSONMemo) {
        out.append(literal: #"{"cells":["#)
        for (index, (column, text)) in zip(columns, TableBuilder.cells(object, resource: resource, now: now)).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            // Counts are numbers, as `TableBuilder.row` makes them.
            if column.type == "integer", let number = Int64(text) {
                JSONValue.int(number).writeCompactJSON(into: &out)
            } else {
                JSONValue.writeQuoted(text, into: &out)
            }
        }
        out.append(UInt8(ascii: "]"))
        switch include {
        case .none:
            break
        case .metadata:
            out.append(contentsOf: metadataObjectHead)
            ObjectEncoder.writeMetadata(object.metadata, namespaced: type(of: object).kind.isNamespaced, into: &out, memo: &memo)
            out.append(UInt8(ascii: "}"))
        case .object:
            out.append(literal: #","object":"#)
            ServedObjectJSON.write(object, as: resource, into: &out, memo: &memo)
        }
        out.append(UInt8(ascii: "}"))
    }
}
