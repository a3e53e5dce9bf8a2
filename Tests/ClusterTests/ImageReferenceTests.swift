import Testing
@testable import Cluster

/// The image name's pieces are sliced, not split, on the hot path: they must read as splitting
/// them (empty pieces skipped) always did.
struct ImageReferenceTests {
    static let images = ["nginx", "nginx:1.27", "registry.example/team/app:1.2", "localhost:5000/app", "localhost:5000/app:v2",
                         "app@sha256:abc", "a/b:c@sha256:d/e", "@x", "x@", "", "/", "//", "a//b/", ":tag", "::", "a:b:c",
                         "team/app:", "é/ü:1", "@", "nginx@", "/nginx:latest/", "a/\u{301}b:c", "x:\u{301}y", "é@b/c"]

    static func splitShortName(_ image: String) -> String {
        let path = image.split(separator: "@").first.map(String.init) ?? image
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return last.split(separator: ":").first.map(String.init) ?? last
    }

    static func splitTag(_ image: String) -> String {
        let path = image.split(separator: "@").first.map(String.init) ?? image
        let last = path.split(separator: "/").last.map(String.init) ?? path
        let parts = last.split(separator: ":", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : "latest"
    }

    @Test(arguments: images)
    func shortNameAndTagReadAsSplitting(_ image: String) {
        #expect(ImageReference.shortName(image) == Self.splitShortName(image))
        #expect(ImageReference.tag(image) == Self.splitTag(image))
    }

    @Test func theApplicationsNameAndTag() {
        #expect(ImageReference.shortName("registry.example/team/app:1.2") == "app")
        #expect(ImageReference.tag("registry.example/team/app:1.2") == "1.2")
        #expect(ImageReference.tag("nginx") == "latest")
    }
}
