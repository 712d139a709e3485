package io.chartroom.reconcile.cluster;

import io.chartroom.reconcile.cache.LiveReads;
import io.chartroom.reconcile.cache.ObjectCache;
import io.chartroom.reconcile.diff.FieldDrift;
import io.chartroom.reconcile.plan.DesiredObjects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.fixtures.RealKubeApiServer;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import io.chartroom.reconcile.health.HealthChecks;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The apply, conflict, drift, prune and CRD-ordering behaviour of the reconciler's parts against a real
 * kube-apiserver (the in-process mock cannot do server-side apply): field ownership, conflicts with another
 * field manager, what the API server defaults (which must not read as drift), and custom resources applied
 * after their CRD is established.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealApiSemanticsTest {

    KubernetesClient client;
    String namespace;
    final AtomicLong writes = new AtomicLong();

    @BeforeAll
    void start() {
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, RealKubeApiServer.kubeconfig(), null)).build();
        namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterAll
    void close() {
        if (client != null) {
            client.close();
        }
    }

    String manifest() {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  mode: fast
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector: {app: web}
                  ports:
                    - port: 80
                      targetPort: http
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27
                          ports:
                            - name: http
                              containerPort: 8080
                          resources:
                            requests: {cpu: 100m, memory: 64Mi}
                """;
    }

    List<DesiredObjects.Desired> desired(String manifest) {
        return DesiredObjects.from(manifest, "web", "real", namespace, "rev-1");
    }

    @Test
    void serverSideApplyOwnsTheFieldsIsANoOpAgainAndDefaultsAreNotDrift() {
        KubeObjects kube = new KubeObjects(client, false, writes);
        List<DesiredObjects.Desired> objects = desired(manifest());
        assertThat(objects.getFirst().ref().kind()).isEqualTo("Namespace");
        objects.forEach(d -> kube.apply(d.object())); // a Service without port protocols applies: defaulted to TCP

        var service = client.services().inNamespace(namespace).withName("web").get();
        assertThat(service.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
                .contains(org.assertj.core.groups.Tuple.tuple("chartroom", "Apply"));
        assertThat(service.getMetadata().getLabels()).containsEntry("chartroom.io/release", "web");
        String version = client.configMaps().inNamespace(namespace).withName("settings").get().getMetadata().getResourceVersion();
        objects.forEach(d -> kube.apply(d.object()));
        assertThat(client.configMaps().inNamespace(namespace).withName("settings").get().getMetadata().getResourceVersion())
                .as("applying the same again changes nothing").isEqualTo(version);

        for (DesiredObjects.Desired d : objects) {
            Map<String, Object> live = kube.get(d.ref());
            assertThat(FieldDrift.differences(d.object(), live, Set.of())).as("what the API server adds is not drift: " + d.ref()).isEmpty();
        }
        // no controller runs here: the deployment waits for one
        assertThat(HealthChecks.assess(kube.get(objects.stream().filter(d -> d.ref().kind().equals("Deployment")).findFirst()
                .orElseThrow().ref())).state()).isEqualTo(HealthState.PROGRESSING);
    }

    @Test
    void anotherFieldManagerConflictsUntilChartroomForcesAndItsOwnFieldsSurvive() {
        String ns = namespace + "-c";
        List<DesiredObjects.Desired> objects = DesiredObjects.from(manifest(), "web", "real", ns, "rev-1");
        new KubeObjects(client, false, writes).apply(objects.getFirst().object());
        DesiredObjects.Desired settings = objects.stream().filter(d -> d.ref().kind().equals("ConfigMap")).findFirst().orElseThrow();
        new KubeObjects(client, false, writes).apply(settings.object());

        // someone else takes the field over (their own apply, forced) and adds one of their own
        ConfigMap theirs = new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace(ns).endMetadata()
                .addToData("mode", "slow").addToData("note", "set by ops").build();
        client.resource(theirs).fieldManager("ops").forceConflicts().serverSideApply();

        Map<String, Object> live = new KubeObjects(client, false, writes).get(settings.ref());
        assertThat(FieldDrift.differences(settings.object(), live, Set.of())).containsExactly("data.mode: fast applied, slow live");

        assertThatThrownBy(() -> new KubeObjects(client, false, writes).apply(settings.object()))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("conflict").contains("ops");
                });
        new KubeObjects(client, true, writes).apply(settings.object());
        ConfigMap after = client.configMaps().inNamespace(ns).withName("settings").get();
        assertThat(after.getData()).containsEntry("mode", "fast").containsEntry("note", "set by ops");
        assertThat(after.getMetadata().getManagedFields().stream().filter(f -> f.getManager().equals("chartroom")).findFirst().orElseThrow()
                .getFieldsV1().getAdditionalProperties().toString()).contains("f:mode");
    }

    @Test
    void prunedObjectsAreGoneAndDeletingTwiceIsHarmless() {
        String ns = namespace + "-p";
        KubeObjects kube = new KubeObjects(client, false, writes);
        List<DesiredObjects.Desired> objects = DesiredObjects.from(manifest(), "web", "real", ns, "rev-1");
        objects.forEach(d -> kube.apply(d.object()));
        ObjectRef configMap = objects.stream().filter(d -> d.ref().kind().equals("ConfigMap")).findFirst().orElseThrow().ref();
        assertThat(kube.delete(configMap)).isTrue();
        assertThat(kube.get(configMap)).isNull();
        assertThat(kube.delete(configMap)).isFalse();
    }

    @Test
    void aCustomResourceIsAppliedAfterItsDefinitionIsEstablished() {
        String ns = namespace + "-crd";
        String group = "w" + UUID.randomUUID().toString().substring(0, 6) + ".example.com";
        String manifest = """
                apiVersion: %1$s/v1
                kind: Widget
                metadata:
                  name: first
                spec:
                  size: 3
                ---
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.%1$s
                spec:
                  group: %1$s
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema:
                          type: object
                          properties:
                            spec:
                              type: object
                              properties:
                                size: {type: integer}
                """.formatted(group);
        List<DesiredObjects.Desired> objects = DesiredObjects.from(manifest, "widgets", "real", ns, "rev-1");
        assertThat(objects).extracting(d -> d.ref().kind()).containsExactly("Namespace", "CustomResourceDefinition", "Widget");
        assertThat(objects.get(1).ref().namespace()).as("CRDs are cluster-scoped").isNull();
        KubeObjects kube = new KubeObjects(client, false, writes);
        for (DesiredObjects.Desired d : objects) {
            kube.apply(d.object());
            if (d.ref().kind().equals("CustomResourceDefinition")) {
                kube.awaitEstablished(d.ref().name(), Duration.ofSeconds(60));
            }
        }
        Map<String, Object> widget = kube.get(objects.get(2).ref());
        assertThat(widget).isNotNull();
        assertThat(FieldDrift.differences(objects.get(2).object(), widget, Set.of())).isEmpty();
        assertThat(kube.delete(objects.get(2).ref())).isTrue();
    }

    @Test
    void manyObjectsAreReadFromOneSharedListUnlessItIsOlderThanTheApplyOrLacksTheObject() {
        String ns = namespace + "-h";
        KubeObjects kube = new KubeObjects(client, false, writes);
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            manifest.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-").append(i).append("\ndata:\n  n: \"").append(i).append("\"\n");
        }
        List<DesiredObjects.Desired> objects = DesiredObjects.from(manifest.toString(), "many", "real", ns, "rev-1");
        objects.forEach(d -> kube.apply(d.object()));
        List<ObjectRef> refs = objects.stream().map(DesiredObjects.Desired::ref).filter(r -> r.kind().equals("ConfigMap")).toList();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        LiveReads reads = new LiveReads(clock, new ObjectCache());
        Instant appliedBefore = now.get().minusSeconds(1);
        IntSupplier many = () -> LiveReads.LIST_FROM;

        assertThat(reads.read("real", kube, refs.get(0), many, appliedBefore)).containsEntry("kind", "ConfigMap");
        assertThat(reads.read("real", kube, objects.getFirst().ref(), many, appliedBefore)).as("cluster-scoped kinds list too")
                .containsEntry("kind", "Namespace");
        client.configMaps().inNamespace(ns).withName("cm-1").delete();
        assertThat(reads.read("real", kube, refs.get(1), many, appliedBefore))
                .as("read from the list taken before the delete, not from the cluster").isNotNull();
        assertThat(reads.read("real", kube, refs.get(1), many, now.get().plusMillis(1)))
                .as("the unit applied after the list was taken: read from the cluster").isNull();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("cm-later").withNamespace(ns).endMetadata().build()).create();
        assertThat(reads.read("real", kube, new ObjectRef("v1", "ConfigMap", ns, "cm-later"), many, appliedBefore))
                .as("newer than the list: read on its own").isNotNull();

        now.set(now.get().plus(LiveReads.SHARED_FOR).plusMillis(1));
        client.configMaps().inNamespace(ns).withName("cm-2").delete();
        assertThat(reads.read("real", kube, refs.get(2), many, appliedBefore)).as("a new list, then a read: it is gone").isNull();
        client.configMaps().inNamespace(ns).withName("cm-3").delete();
        assertThat(new LiveReads(clock, new ObjectCache()).read("real", kube, refs.get(3), () -> LiveReads.LIST_FROM - 1, appliedBefore))
                .as("few to read: one by one, so the delete shows at once").isNull();
    }
}
