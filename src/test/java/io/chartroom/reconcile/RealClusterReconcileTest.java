package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.RealKubeApiServer;
import io.chartroom.reconcile.service.Reconciler;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The whole loop against a real kube-apiserver registered from its kubeconfig: the release is applied with
 * server-side apply (Chartroom owns its fields), an object it stops rendering is pruned, and a field another
 * manager takes over is reported as drift and taken back.
 */
@IntegrationTest
class RealClusterReconcileTest {

    static final Duration CONVERGE = Duration.ofSeconds(60);
    static final Auth ADMIN = Auth.user("admin");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired Reconciler reconciler;

    @Test
    void applyPruneAndHealDriftOnARealApiServer() {
        String kubeconfig = RealKubeApiServer.kubeconfig();
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        ApiClient.Response registered = api.post("/api/v1/clusters", ADMIN, Map.of("name", "real-120", "kind", "KUBECONFIG",
                "kubeconfig", kubeconfig, "labels", Map.of("env", "realapi"), "description", "kube-apiserver 1.20 for tests"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().get("kubeVersion").asString()).isEqualTo("v1.20.2");
        assertThat(registered.body()).doesNotContain("token");
        // this server's kubeconfig skips checking its certificate: the cluster says so, and the audit log keeps it
        assertThat(registered.json().get("insecureSkipTlsVerify").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/clusters/sim-dev", ADMIN).json().get("insecureSkipTlsVerify").asBoolean()).isFalse();
        assertThat(jdbc.sql("select details from audit_event where action = 'cluster.registered' and target = 'real-120'")
                .query(String.class).list()).anyMatch(d -> d.contains("insecure-skip-tls-verify"));
        Environments.create(api, Map.of("name", "realapi", "clusterSelector", "env=realapi", "kubeVersion", "1.20"));
        try (KubernetesClient kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, kubeconfig, null)).build()) {
            // autoscaling on: an HPA (autoscaling/v2beta2, as Kubernetes 1.20 serves it) is rendered too
            merge(api, changes, Map.of("release", release("real-web", "autoscaling:\n  enabled: true\n")));
            JsonNode unit = Poll.until(CONVERGE, () -> unit(api), u -> u != null && u.get("sync").asString().equals("SYNCED"));
            assertThat(unit.get("health").asString()).as("no controller runs on this API server").isEqualTo("PROGRESSING");
            assertThat(kube.autoscaling().v2beta2().horizontalPodAutoscalers().inNamespace("realshop").withName("real-web").get()).isNotNull();
            assertThat(kube.apps().deployments().inNamespace("realshop").withName("real-web").get().getMetadata().getManagedFields())
                    .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("chartroom"));

            // autoscaling off: the HPA is no longer rendered and is pruned
            merge(api, changes, Map.of("release", release("real-web", "autoscaling:\n  enabled: false\n"), "editing", "real-web"));
            Poll.until(CONVERGE, () -> kube.autoscaling().v2beta2().horizontalPodAutoscalers().inNamespace("realshop").withName("real-web").get(),
                    hpa -> hpa == null);

            // another field manager changes the replicas: drift, healed (the environment self-heals), Chartroom owns the field again
            kube.resource(new DeploymentBuilder().withNewMetadata().withName("real-web").withNamespace("realshop").endMetadata()
                    .withNewSpec().withReplicas(9).endSpec().build()).fieldManager("ops").forceConflicts().serverSideApply();
            Poll.until(CONVERGE, () -> kube.apps().deployments().inNamespace("realshop").withName("real-web").get().getSpec().getReplicas(),
                    replicas -> replicas == 2);

            // a real cluster's kinds are watched for deletions; a Service deleted by hand is re-created
            Poll.until(CONVERGE, () -> reconciler.stats().watches(), n -> n > 0);
            kube.services().inNamespace("realshop").withName("real-web").delete();
            Poll.until(CONVERGE, () -> kube.services().inNamespace("realshop").withName("real-web").get(), svc -> svc != null);

            merge(api, changes, Map.of("remove", "real-web"));
            Poll.until(CONVERGE, () -> kube.apps().deployments().inNamespace("realshop").withName("real-web").get(), d -> d == null);
        } finally {
            Environments.remove(api, "realapi");
            api.delete("/api/v1/clusters/real-120", ADMIN);
        }
    }

    static Map<String, Object> release(String name, String values) {
        Map<String, Object> release = ChangeRequests.release(name, values, Map.of("realapi", ""));
        release.put("namespace", "realshop");
        return release;
    }

    static void merge(ApiClient api, ChangeRequests changes, Map<String, Object> body) {
        ApiClient.Response created = api.post("/api/v1/change-requests", Auth.user("developer"), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        changes.approve(id, "approver");
        ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    }

    static JsonNode unit(ApiClient api) {
        JsonNode units = api.get("/api/v1/releases/real-web/status", Auth.user("viewer")).json();
        return units.isEmpty() ? null : units.get(0);
    }
}
