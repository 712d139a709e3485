package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.AsUser;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.FidelityCharts;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.RealKubeApiServer;
import io.chartroom.reconcile.service.Reconciler;
import io.chartroom.settings.domain.Setting;
import io.chartroom.settings.service.RuntimeSettings;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import tools.jackson.databind.JsonNode;

/**
 * On the real kube-apiserver, removals tell the truth and ask first: a cluster that an environment no longer
 * selects keeps its objects (Orphaned) until an ADMIN confirms; a pass that would delete more objects than the
 * threshold waits for a confirmation; a release whose custom resource's kind is not served fails with its other
 * objects counted, and is removed without being stuck on that kind; an object that disappears with its CRD
 * makes its unit drift and is re-created.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealClusterRemovalTest {

    static final Duration CONVERGE = Duration.ofSeconds(90);
    static final Auth ADMIN = Auth.user("admin");
    static final Auth VIEWER = Auth.user("viewer");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeSettings settings;
    @Autowired Reconciler reconciler;
    @Autowired ObjectProvider<SecurityContextHolderStrategy> security;
    ApiClient api;
    ChangeRequests changes;
    KubernetesClient kube;
    String kubeconfig;

    @BeforeAll
    void setUp() {
        kubeconfig = RealKubeApiServer.kubeconfig();
        api = new ApiClient(port);
        changes = new ChangeRequests(api);
        changes.awaitSamples();
        FidelityCharts.register(api, port);
        kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, kubeconfig, null)).build();
    }

    @AfterAll
    void close() {
        kube.close();
    }

    @Test
    void aClusterNoLongerSelectedKeepsItsObjectsUntilAnAdminConfirms() {
        cluster("real-orphans", "realorphan");
        Map<String, Object> release = ChangeRequests.release("orphan-web", "", Map.of("realorphan", ""));
        release.put("namespace", "orphans");
        merge(Map.of("release", release));
        Poll.until(CONVERGE, () -> field("orphan-web", "sync"), s -> s.equals("SYNCED"));

        // an admin retires the cluster's label: nothing is deleted, the unit says why
        relabel("real-orphans", Map.of("env", "retired"));
        Poll.until(Duration.ofSeconds(15), () -> field("orphan-web", "sync"), s -> s.equals("ORPHANED"));
        assertThat(field("orphan-web", "message")).contains("no longer selects cluster real-orphans").contains("ADMIN");
        assertThat(kube.apps().deployments().inNamespace("orphans").withName("orphan-web").get()).as("still running").isNotNull();
        assertThat(api.get("/api/v1/status/problems", VIEWER).body()).contains("orphan-web").contains("ORPHANED");
        Poll.until(Duration.ofSeconds(10), () -> audit("reconcile.orphaned", "orphan-web"), n -> n >= 1);
        assertThat(audit("reconcile.orphaned", "orphan-web")).isEqualTo(1);

        // only an admin may confirm; the confirmation names what it let go
        assertThat(api.post("/api/v1/clusters/real-orphans/confirm-removals?release=orphan-web", Auth.user("approver"), Map.of()).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/clusters/real-orphans/confirm-removals?release=nothing-here", ADMIN, Map.of()).status()).isEqualTo(404);
        ApiClient.Response confirmed = api.post("/api/v1/clusters/real-orphans/confirm-removals?release=orphan-web", ADMIN, Map.of());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("units").asInt()).isEqualTo(1);
        Poll.until(CONVERGE, () -> kube.apps().deployments().inNamespace("orphans").withName("orphan-web").get() == null, gone -> gone);
        Poll.until(CONVERGE, () -> api.get("/api/v1/releases/orphan-web/status", VIEWER).json().size(), n -> n == 0);
        assertThat(kube.namespaces().withName("orphans").get()).as("namespaces stay").isNotNull();
        assertThat(jdbc.sql("select actor || ' ' || outcome from audit_event where action = 'reconcile.removal_confirmed' "
                + "and target = 'real-orphans' order by id")
                .query(String.class).list()).containsExactly("approver DENIED", "admin FAILURE", "admin SUCCESS");

        // selected again: main still runs the release there, so it is applied again
        relabel("real-orphans", Map.of("env", "realorphan"));
        Poll.until(CONVERGE, () -> kube.apps().deployments().inNamespace("orphans").withName("orphan-web").get() != null, back -> back);
        Poll.until(CONVERGE, () -> field("orphan-web", "sync"), s -> s.equals("SYNCED"));
        merge(Map.of("remove", "orphan-web"));
        Poll.until(CONVERGE, () -> api.get("/api/v1/releases/orphan-web/status", VIEWER).json().size(), n -> n == 0);
    }

    @Test
    void aPassThatWouldDeleteMoreObjectsThanTheThresholdWaitsForAnAdmin() {
        cluster("real-bulk", "realbulk");
        List<String> names = List.of("bulk-a", "bulk-b", "bulk-c");
        for (String name : names) {
            // 4 objects each (Deployment, Service, Ingress, Secret): 12 in all, the tests' threshold is 10
            Map<String, Object> release = ChangeRequests.release(name, """
                    ingress:
                      enabled: true
                      host: %s.example.com
                    database:
                      password: bulk
                    """.formatted(name), Map.of("realbulk", ""));
            release.put("namespace", "bulk");
            merge(Map.of("release", release));
        }
        for (String name : names) {
            Poll.until(CONVERGE, () -> field(name, "sync"), s -> s.equals("SYNCED"));
        }
        pause(true);
        try {
            names.forEach(name -> merge(Map.of("remove", name)));
        } finally {
            pause(false);
        }
        for (String name : names) {
            Poll.until(Duration.ofSeconds(30), () -> field(name, "sync"), s -> s.equals("PRUNE_PENDING"));
        }
        assertThat(field("bulk-a", "message")).contains("would delete 12 objects on cluster real-bulk").contains("more than 10");
        assertThat(kube.apps().deployments().inNamespace("bulk").list().getItems()).as("nothing deleted yet").hasSize(3);

        ApiClient.Response confirmed = api.post("/api/v1/clusters/real-bulk/confirm-removals", ADMIN, Map.of());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("units").asInt()).isEqualTo(3);
        Poll.until(CONVERGE, () -> kube.apps().deployments().inNamespace("bulk").list().getItems().size(), n -> n == 0);
        for (String name : names) {
            Poll.until(CONVERGE, () -> api.get("/api/v1/releases/" + name + "/status", VIEWER).json().size(), n -> n == 0);
        }
        assertThat(kube.secrets().inNamespace("bulk").withName("bulk-a-db").get()).isNull();
        String pruned = jdbc.sql("select details::text from audit_event where action = 'reconcile.pruned' and release_name = 'bulk-a'")
                .query(String.class).single();
        assertThat(pruned).as("the audit names what was deleted").contains("Deployment bulk/bulk-a").contains("Secret bulk/bulk-a-db");
    }

    @Test
    void aChangeThatWouldPruneMoreThanTheThresholdAppliesTheRestAndWaitsForAnAdmin() {
        cluster("real-fanout", "realfanout", true);
        merge(Map.of("release", FidelityCharts.release("fan", "fanout", "fan", "count: 12\n", List.of("realfanout"))));
        Poll.until(CONVERGE, () -> field("fan", "sync"), s -> s.equals("SYNCED"));
        assertThat(kube.configMaps().inNamespace("fan").withLabel("chartroom.io/managed", "true").list().getItems()).hasSize(13);

        // one change drops 12 ConfigMaps at once (the tests' threshold is 10): what it keeps is applied, the prune waits
        merge(Map.of("release", FidelityCharts.release("fan", "fanout", "fan", "count: 0\n", List.of("realfanout")), "editing", "fan"));
        Poll.until(CONVERGE, () -> field("fan", "sync"), s -> s.equals("PRUNE_PENDING"));
        assertThat(field("fan", "message")).contains("this change would delete 12 objects on cluster real-fanout").contains("ADMIN");
        assertThat(kube.configMaps().inNamespace("fan").withName("fan-always").get().getData()).containsEntry("count", "0");
        assertThat(kube.configMaps().inNamespace("fan").withName("fan-11").get()).as("nothing deleted yet").isNotNull();
        assertThat(unit("fan").get("objects").asInt()).as("what is on the cluster is counted, its namespace too").isEqualTo(14);
        assertThat(api.get("/api/v1/status/problems", VIEWER).body()).contains("\"fan\"").contains("PRUNE_PENDING");
        String version = kube.configMaps().inNamespace("fan").withName("fan-always").get().getMetadata().getResourceVersion();
        long passes = reconciler.stats().passes();
        reconciler.wake();
        Poll.until(CONVERGE, () -> reconciler.stats().passes(), n -> n >= passes + 2);
        assertThat(kube.configMaps().inNamespace("fan").withName("fan-always").get().getMetadata().getResourceVersion())
                .as("a held prune is not applied again on every pass").isEqualTo(version);

        ApiClient.Response confirmed = api.post("/api/v1/clusters/real-fanout/confirm-removals?release=fan", ADMIN, Map.of());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        Poll.until(CONVERGE, () -> field("fan", "sync"), s -> s.equals("SYNCED"));
        assertThat(kube.configMaps().inNamespace("fan").withLabel("chartroom.io/managed", "true").list().getItems())
                .extracting(c -> c.getMetadata().getName()).containsExactly("fan-always");
        assertThat(jdbc.sql("select details::text from audit_event where action = 'reconcile.removal_confirmed' and target = 'real-fanout'")
                .query(String.class).single()).contains("fan in realfanout (12 objects its change dropped)");
        assertThat(jdbc.sql("select details::text from audit_event where action = 'reconcile.pruned' and release_name = 'fan'")
                .query(String.class).single()).contains("ConfigMap fan/fan-11");
        merge(Map.of("remove", "fan"));
        Poll.until(CONVERGE, () -> api.get("/api/v1/releases/fan/status", VIEWER).json().size(), n -> n == 0);
    }

    @Test
    void withoutSelfHealADeletedObjectIsMissingAtOnceAndASelectorChangeOrphansTheUnit() {
        cluster("real-manual", "realmanual", false);
        Map<String, Object> release = ChangeRequests.release("manual-web", "", Map.of("realmanual", ""));
        release.put("namespace", "manual");
        merge(Map.of("release", release));
        Poll.until(CONVERGE, () -> field("manual-web", "sync"), s -> s.equals("SYNCED"));
        assertThat(field("manual-web", "health")).as("no controller rolls it out here").isEqualTo("PROGRESSING");
        assertThat(api.get("/api/v1/status/problems", VIEWER).body()).as("progressing within its deadline is no problem")
                .doesNotContain("manual-web");

        // deleted by hand: the deletion watch marks the unit at once; without self-heal it stays gone and is a problem
        kube.services().inNamespace("manual").withName("manual-web").delete();
        Poll.until(Duration.ofSeconds(10), () -> field("manual-web", "sync"), s -> s.equals("OUT_OF_SYNC"));
        JsonNode unit = unit("manual-web");
        assertThat(unit.get("health").asString()).isEqualTo("MISSING");
        assertThat(unit.get("drift").toString()).contains("Service manual/manual-web: missing on the cluster");
        assertThat(api.get("/api/v1/status/problems", VIEWER).body()).contains("manual-web").contains("OUT_OF_SYNC");
        // the audit row is written after the status's transaction commits: awaited, then exactly one
        Poll.until(Duration.ofSeconds(10), () -> audit("reconcile.drift_detected", "manual-web"), n -> n >= 1);
        assertThat(audit("reconcile.drift_detected", "manual-web")).isEqualTo(1);
        assertThat(kube.services().inNamespace("manual").withName("manual-web").get()).as("not healed").isNull();

        // the environment's selector no longer matches: the reconciler wakes on the change (its pass interval is 60 s)
        Environments.update(api, "realmanual", Map.of("clusterSelector", "env=elsewhere"));
        Poll.until(Duration.ofSeconds(15), () -> field("manual-web", "sync"), s -> s.equals("ORPHANED"));
        assertThat(kube.apps().deployments().inNamespace("manual").withName("manual-web").get()).as("nothing deleted").isNotNull();
        assertThat(api.post("/api/v1/clusters/real-manual/confirm-removals?release=manual-web", ADMIN, Map.of()).status()).isEqualTo(200);
        Poll.until(CONVERGE, () -> kube.apps().deployments().inNamespace("manual").withName("manual-web").get() == null, gone -> gone);
        merge(Map.of("remove", "manual-web"));
    }

    @Test
    void aKindTheClusterDoesNotServeNeitherHidesWhatWasAppliedNorBlocksTheRemoval() {
        cluster("real-kinds", "realkinds");
        merge(Map.of("release", FidelityCharts.release("sprockets", "missing-crd", "kinds", "", List.of("realkinds"))));
        Poll.until(CONVERGE, () -> field("sprockets", "sync"), s -> s.equals("FAILED"));
        JsonNode unit = unit("sprockets");
        assertThat(unit.get("message").asString()).contains("does not serve Sprocket");
        assertThat(unit.get("objects").asInt()).as("what it applied is counted").isGreaterThanOrEqualTo(2);
        assertThat(kube.configMaps().inNamespace("kinds").withName("sprockets-settings").get()).isNotNull();

        merge(Map.of("remove", "sprockets"));
        Poll.until(CONVERGE, () -> api.get("/api/v1/releases/sprockets/status", VIEWER).json().size(), n -> n == 0);
        assertThat(kube.configMaps().inNamespace("kinds").withName("sprockets-settings").get()).as("removed with the rest").isNull();
        String pruned = jdbc.sql("select details::text from audit_event where action = 'reconcile.pruned' and release_name = 'sprockets'")
                .query(String.class).single();
        assertThat(pruned).contains("ConfigMap kinds/sprockets-settings").contains("Sprocket kinds/sprockets-main");
    }

    @Test
    void anObjectGoneWithItsCrdIsDriftAndComesBack() {
        cluster("real-gone", "realgone");
        merge(Map.of("release", FidelityCharts.release("gone-crd", "with-crds", "gone", "", List.of("realgone"))));
        Poll.until(CONVERGE, () -> field("gone-crd", "sync"), s -> s.equals("SYNCED"));
        ResourceDefinitionContext widgets = new ResourceDefinitionContext.Builder().withGroup("fidelity.chartroom.io").withVersion("v1")
                .withKind("Widget").withPlural("widgets").withNamespaced(true).build();
        assertThat(kube.genericKubernetesResources(widgets).inNamespace("gone").withName("gone-crd-first").get()).isNotNull();

        // the CRD is deleted by hand, and every Widget with it
        kube.apiextensions().v1().customResourceDefinitions().withName("widgets.fidelity.chartroom.io").delete();
        Poll.until(CONVERGE, () -> audit("reconcile.drift_healed", "gone-crd"), n -> n >= 1);
        String healed = jdbc.sql("select details::text from audit_event where action = 'reconcile.drift_healed' and release_name = 'gone-crd'")
                .query(String.class).list().getFirst();
        assertThat(healed).contains("Widget gone/gone-crd-first: missing on the cluster");
        GenericKubernetesResource back = Poll.until(CONVERGE,
                () -> kube.genericKubernetesResources(widgets).inNamespace("gone").withName("gone-crd-first").get(), w -> w != null);
        assertThat(back.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 3));
        merge(Map.of("remove", "gone-crd"));
        Poll.until(CONVERGE, () -> api.get("/api/v1/releases/gone-crd/status", VIEWER).json().size(), n -> n == 0);
    }

    private void cluster(String name, String environment) {
        cluster(name, environment, true);
    }

    private void cluster(String name, String environment, boolean selfHeal) {
        ApiClient.Response cluster = api.post("/api/v1/clusters", ADMIN, Map.of("name", name, "kind", "KUBECONFIG", "kubeconfig", kubeconfig,
                "labels", Map.of("env", environment)));
        assertThat(cluster.status()).as(cluster.body()).isEqualTo(201);
        Environments.create(api, Map.of("name", environment, "clusterSelector", "env=" + environment, "kubeVersion", "1.20",
                "selfHeal", selfHeal));
    }

    private void relabel(String cluster, Map<String, String> labels) {
        ApiClient.Response changed = api.put("/api/v1/clusters/" + cluster, ADMIN, Map.of("description", "", "labels", labels));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }

    private void pause(boolean paused) {
        new AsUser(security).call("admin", () -> {
            settings.set(Setting.RECONCILE_PAUSED, String.valueOf(paused));
            return null;
        });
    }

    private JsonNode unit(String release) {
        JsonNode units = api.get("/api/v1/releases/" + release + "/status", VIEWER).json();
        return units.isEmpty() ? null : units.get(0);
    }

    private String field(String release, String field) {
        JsonNode unit = unit(release);
        return unit == null ? "" : unit.get(field).asString();
    }

    private long audit(String action, String release) {
        return jdbc.sql("select count(*) from audit_event where action = ? and release_name = ?").params(action, release)
                .query(Long.class).single();
    }

    private void merge(Map<String, Object> body) {
        ApiClient.Response created = api.post("/api/v1/change-requests", Auth.user("developer"), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        changes.approve(id, "approver");
        ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    }
}
