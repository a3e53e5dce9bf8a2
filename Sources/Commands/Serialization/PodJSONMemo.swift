import Cluster

/// What the pods of one list share, remembered while it is written: the pods of a deployment
/// run the same images, and an image's ID is its repository and a 64-digit hash of its name,
/// spelled out anew (several Strings) each time it is asked for.
public struct PodJSONMemo {
    private var image: String?
    /// `"<imageID>"`, quoted, for `image`.
    private var quotedImageID: [UInt8] = []

    public init() {}

    /// Appends the status's `imageID` as a JSON string.
    mutating func writeImageID(_ status: ContainerStatus, into out: inout [UInt8]) {
        guard status.hasImageID else {
            out.append(literal: #""""#)
            return
        }
        if status.image != image {
            image = status.image
            quotedImageID.removeAll(keepingCapacity: true)
            JSONValue.writeQuoted(ImageReference.digestReference(status.image), into: &quotedImageID)
        }
        out.append(contentsOf: quotedImageID)
    }
}
