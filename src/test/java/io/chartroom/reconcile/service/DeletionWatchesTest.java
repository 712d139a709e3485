package io.chartroom.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.RealKubeApiServer;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.domain.UnitKey;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Deletions on a real kube-apiserver reach the reconciler at once: an object deleted by hand names its unit,
 * the objects a new watch replays do not, and a custom resource deleted with its CRD names its unit before
 * the watch of that kind ends (it is not opened again while the kind is not served).
 */
class DeletionWatchesTest {

    static final Duration SOON = Duration.ofSeconds(20);

    @Test
    void aDeletedObjectNamesItsUnitAtOnceAndSoDoesOneGoneWithItsCrd() {
        List<UnitKey> deleted = new CopyOnWriteArrayList<>();
        Config config = Config.fromKubeconfig(null, RealKubeApiServer.kubeconfig(), null);
        config.setWatchReconnectLimit(0); // as the portal connects: a broken watch is opened again by keep(), not by the client
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
             DeletionWatches watches = new DeletionWatches((unit, kind) -> deleted.add(unit))) {
            KubeObjects kube = new KubeObjects(client, true, new AtomicLong());
            kube.apply(object("v1", "Namespace", null, "watched", Map.of()));
            kube.apply(object("v1", "ConfigMap", "watched", "settings", Map.of("data", Map.of("a", "1"))));
            kube.apply(crd());
            kube.awaitEstablished("gadgets.watch.chartroom.io", Duration.ofSeconds(30));
            kube.apply(object("watch.chartroom.io/v1", "Gadget", "watched", "g1", Map.of("spec", Map.of("size", 1))));

            Set<DeletionWatches.Kind> kinds = Set.of(new DeletionWatches.Kind("real", "v1", "ConfigMap"),
                    new DeletionWatches.Kind("real", "watch.chartroom.io/v1", "Gadget"));
            watches.keep(kinds, name -> client);
            assertThat(watches.size()).isEqualTo(2);

            // the objects the watch replays at its start are no deletion; a hand-made delete is
            kube.delete(new ObjectRef("v1", "ConfigMap", "watched", "settings"));
            Poll.until(SOON, () -> deleted, d -> !d.isEmpty());
            assertThat(deleted).containsExactly(new UnitKey("shop", "production", "real"));

            // the CRD goes, and its custom resources with it: the unit hears of it, the kind's watch ends
            deleted.clear();
            kube.delete(new ObjectRef("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "gadgets.watch.chartroom.io"));
            Poll.until(SOON, () -> deleted, d -> !d.isEmpty());
            assertThat(deleted).containsExactly(new UnitKey("shop", "production", "real"));
            Poll.until(SOON, () -> {
                watches.keep(kinds, name -> client);
                return watches.size();
            }, n -> n == 1);
        }
    }

    static Map<String, Object> object(String apiVersion, String kind, String namespace, String name, Map<String, Object> body) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        metadata.put("labels", Map.of(DesiredObjects.MANAGED, "true", DesiredObjects.RELEASE, "shop", DesiredObjects.ENVIRONMENT, "production"));
        Map<String, Object> object = new LinkedHashMap<>(Map.of("apiVersion", apiVersion, "kind", kind, "metadata", metadata));
        object.putAll(body);
        return object;
    }

    static Map<String, Object> crd() {
        Map<String, Object> schema = Map.of("openAPIV3Schema", Map.of("type", "object", "properties", Map.of("spec",
                Map.of("type", "object", "x-kubernetes-preserve-unknown-fields", true))));
        return Map.of("apiVersion", "apiextensions.k8s.io/v1", "kind", "CustomResourceDefinition",
                "metadata", Map.of("name", "gadgets.watch.chartroom.io"),
                "spec", Map.of("group", "watch.chartroom.io", "scope", "Namespaced",
                        "names", Map.of("kind", "Gadget", "plural", "gadgets", "singular", "gadget", "listKind", "GadgetList"),
                        "versions", List.of(Map.of("name", "v1", "served", true, "storage", true, "schema", schema))));
    }
}
