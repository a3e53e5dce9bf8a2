/// The kubelet's words for an image it did not have to pull, kept in one place: the dashboard's
/// Healing pane recognises the event by them.
public enum ImageEventMessages {
    /// The `Pulled` event's message when `IfNotPresent` (or `Never`) finds the image on the node.
    public static func alreadyPresent(_ image: String) -> String { "Container image \"\(image)\" already present on machine" }
}
