import Commands

/// Manifest files to start fuzzing from: every kind kubesim serves as people write them, and
/// the YAML that breaks parsers (anchors and alias bombs, deep nesting, duplicate keys, wrong
/// types, numbers beyond int32, odd document separators).
enum ManifestSeeds {
    static let webApp = """
        # the web tier and its service
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
          labels:
            app: shop
            tier: frontend
          annotations:
            team: storefront
        spec:
          replicas: 3
          revisionHistoryLimit: 5
          minReadySeconds: 2
          selector:
            matchLabels:
              app: shop
          strategy:
            type: RollingUpdate
            rollingUpdate:
              maxSurge: 25%
              maxUnavailable: 0
          template:
            metadata:
              labels:
                app: shop
                tier: frontend
            spec:
              terminationGracePeriodSeconds: 10
              nodeSelector:
                kubernetes.io/os: linux
              tolerations:
              - key: dedicated
                operator: Equal
                value: web
                effect: NoSchedule
              containers:
              - name: nginx
                image: nginx:1.25
                imagePullPolicy: IfNotPresent
                ports:
                - containerPort: 80
                  name: http
                env:
                - name: MODE
                  value: fast
                resources:
                  requests:
                    cpu: 250m
                    memory: 128Mi
                  limits:
                    memory: 256Mi
                readinessProbe:
                  httpGet:
                    path: /healthz
                    port: 80
                  periodSeconds: 5
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: shop
        spec:
          type: NodePort
          selector:
            app: shop
          ports:
          - name: http
            port: 80
            targetPort: http
            protocol: TCP
        """

    static let team = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: payments
          labels:
            team: payments
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: payments
        spec:
          replicas: 2
          strategy:
            type: Recreate
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
              - name: api
                image: httpd:2.4
                resources: {requests: {cpu: 100m, memory: 64Mi}}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: api
          namespace: payments
        spec:
          minAvailable: 1
          selector:
            matchLabels:
              app: api
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: payments}
        spec:
          selector: {app: api}
          ports: [{port: 8080, targetPort: 80}]
        """

    static let daemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: log-agent
          namespace: kube-system
          labels:
            app: log-agent
        spec:
          selector:
            matchLabels:
              app: log-agent
          updateStrategy:
            type: RollingUpdate
            rollingUpdate:
              maxUnavailable: 1
          template:
            metadata:
              labels:
                app: log-agent
            spec:
              nodeSelector:
                kubernetes.io/os: linux
              tolerations:
              - operator: Exists
              containers:
              - name: fluent-bit
                image: fluent/fluent-bit:3.1
                resources:
                  limits: {memory: 200Mi}
        """

    static let podsAndReplicaSet = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
          labels:
            run: debug
        spec:
          restartPolicy: Never
          nodeName: node-1
          containers:
          - name: shell
            image: busybox:1.36
            command: ["sh", "-c", "sleep 3600"]
            livenessProbe:
              exec:
                command: [cat, /tmp/healthy]
              initialDelaySeconds: 5
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: cache
          labels:
            app: cache
        spec:
          replicas: 2
          selector:
            matchExpressions:
            - key: app
              operator: In
              values: [cache]
          template:
            metadata:
              labels:
                app: cache
            spec:
              containers:
              - name: redis
                image: redis:7
                ports:
                - containerPort: 6379
        """

    static let node = """
        apiVersion: v1
        kind: Node
        metadata:
          name: big-node
          labels:
            kubernetes.io/os: linux
            disk: ssd
        spec:
          taints:
          - key: dedicated
            value: web
            effect: NoSchedule
        status:
          capacity:
            cpu: "16"
            memory: 64Gi
            pods: "110"
        """

    static let list = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Service
          metadata:
            name: lb
          spec:
            type: LoadBalancer
            selector: {app: web}
            ports:
            - port: 443
              targetPort: 8443
        - apiVersion: v1
          kind: Namespace
          metadata:
            name: staging
        """

    /// Shared labels and a container through anchors, and a merge key.
    static let anchors = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: anchored
          labels: &labels
            app: anchored
            tier: back
        spec:
          replicas: 1
          selector:
            matchLabels: *labels
          template:
            metadata:
              labels: *labels
            spec:
              containers:
              - &base
                name: main
                image: nginx:1.25
              - <<: *base
                name: sidecar
        """

    /// Nine levels of nine aliases: a billion laughs.
    static var aliasBomb: String {
        var lines = ["apiVersion: v1", "kind: ConfigMap", "metadata: {name: bomb}", "data:", "  a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            lines.append("  \(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
            previous = name
        }
        return lines.joined(separator: "\n")
    }

    static let deepNesting = "apiVersion: v1\nkind: Pod\nmetadata: {name: deep}\nspec: " + String(repeating: "[", count: 400) + String(repeating: "]", count: 400) + "\n"
        + "---\n" + (0..<120).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"

    static let duplicatesAndWrongTypes = """
        apiVersion: apps/v1
        kind: Deployment
        kind: Deployment
        metadata:
          name: twice
          name: again
        spec:
          replicas: "three"
          selector: [app, web]
          template:
            spec:
              containers: {name: web, image: 5}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: 42
          labels: {app: true, "": x}
        spec:
          containers:
          - name: c
            image: nginx
            ports:
            - containerPort: 99999
            resources: {requests: {cpu: lots, memory: -1Gi}}
        """

    static let hugeNumbers = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: huge}
        spec:
          replicas: 2147483648
          revisionHistoryLimit: 99999999999999999999
          progressDeadlineSeconds: -1
          minReadySeconds: 1e309
          selector: {matchLabels: {app: huge}}
          template:
            metadata: {labels: {app: huge}}
            spec:
              terminationGracePeriodSeconds: 9223372036854775808
              containers:
              - {name: c, image: nginx, resources: {requests: {cpu: 1e100, memory: 8Ei}}}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: big}
        spec:
          replicas: 0x7fffffff
          selector: {matchLabels: {app: big}}
          template: {metadata: {labels: {app: big}}, spec: {containers: [{name: c, image: nginx}]}}
        """

    static let separators = "--- # first\n# only a comment\n---\n\n--- \napiVersion: v1\nkind: Namespace\nmetadata:\n  name: sep\n...\n---x\n"
        + "%YAML 1.1\n---\napiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n\tname: tabs\r\n---"

    static var yaml: [String] {
        [webApp, team, daemonSet, podsAndReplicaSet, node, list, anchors, aliasBomb, deepNesting, duplicatesAndWrongTypes, hugeNumbers, separators]
    }

    /// The same files as a JSON `List` each (those YAML can express as JSON), with JSON's own
    /// troubles: deep arrays, duplicate keys, escapes, numbers past int64.
    static var json: [String] {
        let converted = [webApp, team, daemonSet, podsAndReplicaSet, node, list, anchors, hugeNumbers].compactMap(jsonList)
        return converted + [
            #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"dup","name":"twice"},"kind":"Pod"}"#,
            #"{"apiVersion":"v1","kind":"List","items":["# + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "]}",
            #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"esc\u0000\ud800\"\\"},"spec":{"replicas":1e400}}"#,
            #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"nginx",}],},}"#,
            #"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":-2147483649}]}}]}"#,
        ]
    }

    /// A YAML file's documents as one JSON List, read as the API server reads YAML and printed
    /// as `kubectl get -o json` prints (keys sorted).
    private static func jsonList(_ yaml: String) -> String? {
        var items: [JSONValue] = []
        for document in yaml.components(separatedBy: "\n---\n") {
            do {
                if let value = try YAMLToJSON.parse(document) { items.append(value) }
            } catch {
                return nil
            }
        }
        return JSONValue.object([("apiVersion", .string("v1")), ("kind", .string("List")), ("items", .array(items))]).prettyJSON()
    }
}
