package io.chartroom.clusters.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.RealKubeApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The simulated clusters' server-side apply against the real kube-apiserver's, with the same applies: keyed
 * lists (containers, env, ports) merge by key and lose what the manager stops applying, other lists (ingress
 * rules) are replaced, not appended; applying the same object twice changes nothing.
 */
class ApplyEmulationTest {

    record Step(String yaml) {}

    @Test
    void listsMergeAndShrinkAsOnTheRealApiServer() throws Exception {
        List<String> deployment = List.of("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: emulated, namespace: default}
                spec:
                  selector: {matchLabels: {app: emulated}}
                  template:
                    metadata: {labels: {app: emulated}}
                    spec:
                      containers:
                        - name: app
                          image: nginx:1
                          env: [{name: X, value: "1"}, {name: Y, value: "2"}]
                          ports: [{containerPort: 80, protocol: TCP}]
                        - name: sidecar
                          image: busybox:1
                """, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: emulated, namespace: default}
                spec:
                  selector: {matchLabels: {app: emulated}}
                  template:
                    metadata: {labels: {app: emulated}}
                    spec:
                      containers:
                        - name: app
                          image: nginx:2
                          env: [{name: X, value: "3"}]
                          ports: [{containerPort: 8080, protocol: TCP}]
                """);
        List<String> ingress = List.of("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: emulated, namespace: default}
                spec:
                  rules:
                    - host: a.example.com
                    - host: b.example.com
                """, """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: emulated, namespace: default}
                spec:
                  rules:
                    - host: a.example.com
                """);
        Function<HasMetadata, Object> containers = o -> ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) map(o).get("spec")).get("template"))
                .get("spec"))).get("containers");
        Function<HasMetadata, Object> rules = o -> ((Map<?, ?>) map(o).get("spec")).get("rules");

        try (SimulatedApiServer simulated = new SimulatedApiServer("v1.31.2");
             KubernetesClient sim = new KubernetesClientBuilder().withConfig(simulated.config()).build();
             KubernetesClient real = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, RealKubeApiServer.kubeconfig(), null)).build()) {
            for (List<String> steps : List.of(deployment, ingress, List.of(ingress.get(1)))) {
                for (String step : steps) {
                    HasMetadata onSim = apply(sim, step);
                    HasMetadata onReal = apply(real, step);
                    Function<HasMetadata, Object> part = step.contains("Deployment") ? containers : rules;
                    assertThat(comparable(part.apply(onSim))).as("after applying:\n" + step).isEqualTo(comparable(part.apply(onReal)));
                }
            }
            real.apps().deployments().inNamespace("default").withName("emulated").delete();
            real.network().v1().ingresses().inNamespace("default").withName("emulated").delete();
        }
    }

    private static HasMetadata apply(KubernetesClient client, String yaml) {
        HasMetadata object = client.getKubernetesSerialization().unmarshal(yaml);
        return client.resource(object).fieldManager("chartroom").forceConflicts().serverSideApply();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(HasMetadata o) {
        return io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().convertValue(o, Map.class);
    }

    /** What Chartroom applied, without what the real server defaults (pull policy, termination paths, ...). */
    private static Object comparable(Object part) {
        if (part instanceof List<?> list) {
            return list.stream().map(ApplyEmulationTest::comparable).toList();
        }
        if (part instanceof Map<?, ?> map) {
            Map<Object, Object> out = new java.util.TreeMap<>();
            map.forEach((k, v) -> {
                if (!List.of("imagePullPolicy", "resources", "terminationMessagePath", "terminationMessagePolicy").contains(k)) {
                    out.put(k, comparable(v));
                }
            });
            return out;
        }
        return part;
    }
}
