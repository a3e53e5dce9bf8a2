import Commands
import Testing
@testable import KubeAPI

/// `fieldValidation=Strict` names unknown fields by path, from the same schemas the OpenAPI
/// documents describe.
@Suite struct UnknownFieldsTests {
    @Test func unknownFieldsAreNamedByPathAndKnownOnesPass() throws {
        let body = try JSONParser.parse(#"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","uid":"u","ownerReferences":[{"uid":"x","colour":"red"}]},
         "spec":{"replica":2,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},
                             "spec":{"containers":[{"name":"web","image":"nginx","imagePolicy":"Always",
                                                    "livenessProbe":{"httpGet":{"path":"/","port":80}},
                                                    "resources":{"requests":{"cpu":"100m"}}}]}}},
         "status":{"replicas":1,"bogus":true}}
        """#)
        #expect(ManifestSchema.deployment.unknownFields(in: body) == [
            "metadata.ownerReferences[0].colour",
            "spec.replica",
            "spec.template.spec.containers[0].imagePolicy",
            "status.bogus",
        ])
        let pod = try JSONParser.parse(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i","ports":[{"containerPort":80,"protocol":"TCP"}]}],"tolerations":[{"operator":"Exists"}]}}"#)
        #expect(ManifestSchema.pod.unknownFields(in: pod).isEmpty)
    }
}
