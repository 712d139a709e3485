package io.chartroom.reconcile.cache;

import io.chartroom.reconcile.cluster.KubeObjects;
import io.chartroom.reconcile.plan.DesiredObjects;
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
 * The informers on a real kube-apiserver: objects are read from memory once synced; a change by another field
 * manager names its unit within seconds, Chartroom's own applies and status updates do not; a deleted object names
 * its unit, and so does a custom resource deleted with its CRD (whose kind is then no longer followed).
 */
class ObjectCacheTest {

    static final Duration SOON = Duration.ofSeconds(20);

    record Told(UnitKey unit, String kind, boolean deleted) {}

    @Test
    void readsComeFromMemoryAndOnlyOthersChangesAndDeletionsNameTheirUnit() {
        List<Told> told = new CopyOnWriteArrayList<>();
        Config config = Config.fromKubeconfig(null, RealKubeApiServer.kubeconfig(), null);
        config.setWatchReconnectLimit(0); // as the portal connects
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
             ObjectCache cache = new ObjectCache(java.time.Duration.ofSeconds(5))) {
            cache.listen((unit, kind, deleted) -> told.add(new Told(unit, kind.kind(), deleted)));
            KubeObjects kube = new KubeObjects(client, true, new AtomicLong());
            kube.apply(object("v1", "Namespace", null, "watched", Map.of()));
            kube.apply(object("v1", "ConfigMap", "watched", "settings", Map.of("data", Map.of("a", "1"))));
            kube.apply(crd());
            kube.awaitEstablished("gadgets.watch.chartroom.io", Duration.ofSeconds(30));
            kube.apply(object("watch.chartroom.io/v1", "Gadget", "watched", "g1", Map.of("spec", Map.of("size", 1))));

            Set<ObjectCache.Kind> kinds = Set.of(new ObjectCache.Kind("real", "v1", "ConfigMap"),
                    new ObjectCache.Kind("real", "watch.chartroom.io/v1", "Gadget"));
            cache.keep(kinds, name -> client);
            assertThat(cache.size()).isEqualTo(2);
            ObjectRef settings = new ObjectRef("v1", "ConfigMap", "watched", "settings");
            ObjectCache.Lookup found = Poll.until(SOON, () -> cache.find("real", settings), ObjectCache.Lookup::followed);
            assertThat(found.object()).as("held in memory once synced").isNotNull();
            assertThat(((Map<?, ?>) found.object().get("data")).get("a")).isEqualTo("1");
            assertThat(cache.find("real", new ObjectRef("v1", "ConfigMap", "watched", "nothing")))
                    .isEqualTo(new ObjectCache.Lookup(true, null));
            assertThat(cache.find("real", new ObjectRef("v1", "Secret", "watched", "settings")).followed()).as("a kind not followed").isFalse();

            // Chartroom's own apply moves only its own field manager's entry: nobody is told; the cache follows it
            kube.apply(object("v1", "ConfigMap", "watched", "settings", Map.of("data", Map.of("a", "2"))));
            Poll.until(SOON, () -> ((Map<?, ?>) cache.find("real", settings).object().get("data")).get("a"), a -> "2".equals(a));
            assertThat(told).as("the initial list and own applies wake nobody").isEmpty();

            // another field manager: its unit is told within seconds
            client.configMaps().inNamespace("watched").withName("settings").edit(c -> {
                c.getData().put("a", "by hand");
                return c;
            });
            Poll.until(SOON, () -> told, t -> !t.isEmpty());
            assertThat(told).containsExactly(new Told(new UnitKey("shop", "production", "real"), "ConfigMap", false));

            // a deletion by hand
            told.clear();
            kube.delete(settings);
            Poll.until(SOON, () -> told, t -> !t.isEmpty());
            assertThat(told).containsExactly(new Told(new UnitKey("shop", "production", "real"), "ConfigMap", true));
            Poll.until(SOON, () -> cache.find("real", settings).object(), o -> o == null);

            // the CRD goes, and its custom resources with it: the unit hears of it, the kind is no longer followed
            told.clear();
            kube.delete(new ObjectRef("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "gadgets.watch.chartroom.io"));
            Poll.until(SOON, () -> told, t -> !t.isEmpty());
            assertThat(told).containsExactly(new Told(new UnitKey("shop", "production", "real"), "Gadget", true));
            Poll.until(SOON, () -> {
                cache.keep(kinds, name -> client);
                return cache.size();
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
