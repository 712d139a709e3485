package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.FidelityCharts;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.RealKubeApiServer;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.service.ReplicaRestart;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The Helm-fidelity charts on the real kube-apiserver: CRDs from crds/ applied first and Established before the
 * custom resources, kept when the release goes; hooks run in order and deleted by policy; tests run on demand on
 * one unit. No controller or kubelet runs on this API server, so the test plays them: it marks each hook Job
 * complete, or failed when the chart says its command fails, and each test pod succeeded. (Without them a hook
 * or test would wait its chartroom.reconcile.hook-timeout, 5 minutes, and fail saying it did not complete.)
 */
@IntegrationTest
class RealClusterFidelityTest {

    static final Duration CONVERGE = Duration.ofSeconds(90);
    static final Auth ADMIN = Auth.user("admin");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;

    @Test
    void crdsAndHooksAsHelmInstallDoesThem() {
        String kubeconfig = RealKubeApiServer.kubeconfig();
        ApiClient api = new ApiClient(port);
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        FidelityCharts.register(api, port);
        assertThat(api.post("/api/v1/clusters", ADMIN, Map.of("name", "real-fidelity", "kind", "KUBECONFIG", "kubeconfig", kubeconfig,
                "labels", Map.of("env", "realfid"))).status()).isEqualTo(201);
        Environments.create(api, Map.of("name", "realfid", "clusterSelector", "env=realfid", "kubeVersion", "1.20"));
        ScheduledExecutorService jobController = Executors.newSingleThreadScheduledExecutor();
        try (KubernetesClient kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, kubeconfig, null)).build()) {
            jobController.scheduleWithFixedDelay(() -> {
                finishJobs(kube);
                finishTestPods(kube);
            }, 200, 200, TimeUnit.MILLISECONDS);

            merge(api, changes, FidelityCharts.release("real-crds", "with-crds", "realfid", "", List.of("realfid")), null);
            Poll.until(CONVERGE, () -> sync(api, "real-crds"), s -> s.equals("SYNCED"));
            var crd = kube.apiextensions().v1().customResourceDefinitions().withName("widgets.fidelity.chartroom.io").get();
            assertThat(crd.getStatus().getConditions()).anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Established=True"));
            assertThat(crd.getMetadata().getManagedFields()).anySatisfy(f -> assertThat(f.getManager()).isEqualTo("chartroom"));
            assertThat(kube.genericKubernetesResources("fidelity.chartroom.io/v1", "Widget").inNamespace("realfid").withName("real-crds-first").get())
                    .isNotNull();

            merge(api, changes, FidelityCharts.release("real-hooks", "with-hooks", "realfid", "", List.of("realfid")), null);
            Poll.until(CONVERGE, () -> sync(api, "real-hooks"), s -> s.equals("SYNCED"));
            assertThat(kube.configMaps().inNamespace("realfid").withName("real-hooks-config").get()).isNotNull();
            assertThat(kube.configMaps().inNamespace("realfid").withName("real-hooks-pre-config").get()).isNotNull();
            assertThat(kube.batch().v1().jobs().inNamespace("realfid").withName("real-hooks-migrate").get()).as("hook-succeeded").isNull();
            assertThat(kube.pods().inNamespace("realfid").withName("real-hooks-test-connection").get()).isNull();

            // Run tests on one unit: the test pod is applied and waited for (the test plays the kubelet, which this server lacks)
            ApiClient.Response tests = api.post("/api/v1/releases/real-hooks/units/realfid/real-fidelity/tests", Auth.user("approver"), Map.of());
            assertThat(tests.status()).as(tests.body()).isEqualTo(200);
            Poll.until(CONVERGE, () -> lastHistory("real-hooks"), m -> m.startsWith("tests"));
            assertThat(lastHistory("real-hooks")).isEqualTo("tests passed: 1 test");
            assertThat(jdbc.sql("select actor from audit_event where release_name = 'real-hooks' and action = 'reconcile.tests_passed'")
                    .query(String.class).list()).containsExactly("approver");

            merge(api, changes, FidelityCharts.release("real-hooks", "with-hooks", "realfid", "failMigration: true\n", List.of("realfid")),
                    "real-hooks");
            Poll.until(CONVERGE, () -> sync(api, "real-hooks"), s -> s.equals("FAILED"));
            assertThat(unitMessage(api, "real-hooks")).isEqualTo("pre-upgrade hook Job realfid/real-hooks-migrate failed: "
                    + "BackoffLimitExceeded: Job has reached the specified backoff limit");

            // a generated password survives a values change and a restart on the real API server too (it answers data, not stringData)
            merge(api, changes, FidelityCharts.release("real-gen", "generated-secret", "realfid", "", List.of("realfid")), null);
            Poll.until(CONVERGE, () -> sync(api, "real-gen"), s -> s.equals("SYNCED"));
            String password = kube.secrets().inNamespace("realfid").withName("real-gen-admin").get().getData().get("password");
            merge(api, changes, FidelityCharts.release("real-gen", "generated-secret", "realfid", "adminUser: root\n", List.of("realfid")),
                    "real-gen");
            Poll.until(CONVERGE, () -> kube.secrets().inNamespace("realfid").withName("real-gen-admin").get().getData().get("user"),
                    u -> u.equals(java.util.Base64.getEncoder().encodeToString("root".getBytes())));
            assertThat(kube.secrets().inNamespace("realfid").withName("real-gen-admin").get().getData().get("password")).isEqualTo(password);
            // a restart forgets every render and what it learnt: applied again from a fresh render, the password stays
            ReplicaRestart.forgetEverythingLearnt(context, new UnitKey("real-gen", "realfid", "real-fidelity"));
            long reapplied = audited("real-gen", "reconcile.reapplied");
            assertThat(api.post("/api/v1/releases/real-gen/sync", Auth.user("approver"), Map.of()).status()).isEqualTo(200);
            Poll.until(CONVERGE, () -> audited("real-gen", "reconcile.reapplied"), n -> n > reapplied);
            assertThat(kube.secrets().inNamespace("realfid").withName("real-gen-admin").get().getData().get("password")).isEqualTo(password);
            // rotated only when asked
            assertThat(api.post("/api/v1/releases/real-gen/sync?rotateGeneratedSecrets=true", Auth.user("approver"), Map.of()).status())
                    .isEqualTo(200);
            Poll.until(CONVERGE, () -> kube.secrets().inNamespace("realfid").withName("real-gen-admin").get().getData().get("password"),
                    p -> !p.equals(password));
            // audited once the unit's work ends, which is after the cluster has the new password
            Poll.until(CONVERGE, () -> audited("real-gen", "reconcile.secrets_rotated"), n -> n >= 1);
            assertThat(audited("real-gen", "reconcile.secrets_rotated")).isEqualTo(1);
            merge(api, changes, null, "real-gen");

            // an apiVersion v1 chart with requirements.yaml, and a chart whose dependency resolves from a mirror
            merge(api, changes, FidelityCharts.release("real-legacy", "legacy-v1", "realfid", "", List.of("realfid")), null);
            merge(api, changes, FidelityCharts.release("real-mirror", "mirror-dep", "realfid", "", List.of("realfid")), null);
            Poll.until(CONVERGE, () -> sync(api, "real-legacy") + " " + sync(api, "real-mirror"), s -> s.equals("SYNCED SYNCED"));
            assertThat(kube.configMaps().inNamespace("realfid").withName("real-legacy-legacy").get()).isNotNull();
            assertThat(kube.apps().deployments().inNamespace("realfid").list().getItems()).as("legacy-v1's subchart from requirements.yaml")
                    .anySatisfy(d -> assertThat(d.getMetadata().getLabels()).containsEntry("chartroom.io/release", "real-legacy"));
            assertThat(kube.configMaps().inNamespace("realfid").withName("real-mirror-mirror").get()).isNotNull();
            assertThat(kube.secrets().inNamespace("realfid").withName("real-mirror-admin").get()).as("the mirrored dependency").isNotNull();
            merge(api, changes, null, "real-legacy");
            merge(api, changes, null, "real-mirror");

            // a subchart's crds/: the CRD Established before the umbrella's custom resource
            merge(api, changes, FidelityCharts.release("real-umbrella", "operator-umbrella", "realfid", "", List.of("realfid")), null);
            Poll.until(CONVERGE, () -> sync(api, "real-umbrella"), s -> s.equals("SYNCED"));
            assertThat(kube.apiextensions().v1().customResourceDefinitions().withName("gizmos.umbrella.chartroom.io").get().getStatus()
                    .getConditions()).anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Established=True"));
            assertThat(kube.genericKubernetesResources("umbrella.chartroom.io/v1", "Gizmo").inNamespace("realfid").withName("real-umbrella-first")
                    .get()).isNotNull();
            merge(api, changes, null, "real-umbrella");

            merge(api, changes, null, "real-crds");
            Poll.until(CONVERGE, () -> kube.configMaps().inNamespace("realfid").withName("real-crds-operator").get(), c -> c == null);
            assertThat(kube.apiextensions().v1().customResourceDefinitions().withName("widgets.fidelity.chartroom.io").get()).isNotNull();
        } finally {
            jobController.shutdownNow();
            // gone from main, so that nothing keeps retrying on the shared API server
            merge(api, changes, null, "real-hooks");
        }
    }

    /** What the job controller would do: each hook job completes, or fails when its template says the command fails. */
    private static void finishJobs(KubernetesClient kube) {
        try {
            for (Job job : kube.batch().v1().jobs().inNamespace("realfid").list().getItems()) {
                if (job.getStatus() != null && job.getStatus().getConditions() != null && !job.getStatus().getConditions().isEmpty()) {
                    continue;
                }
                var annotations = job.getSpec().getTemplate().getMetadata() == null ? null : job.getSpec().getTemplate().getMetadata().getAnnotations();
                boolean fails = annotations != null && "failed".equals(annotations.get("chartroom.io/simulated-outcome"));
                job.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType(fails ? "Failed" : "Complete")
                        .withStatus("True").withReason(fails ? "BackoffLimitExceeded" : null)
                        .withMessage(fails ? "Job has reached the specified backoff limit" : null).build())
                        .withSucceeded(fails ? null : 1).withFailed(fails ? 1 : null).build());
                kube.batch().v1().jobs().inNamespace("realfid").resource(job).updateStatus();
            }
        } catch (RuntimeException raced) {
            // a job changed or went meanwhile: the next round looks again
        }
    }

    /** What the kubelet would do with a test pod (this server has no nodes): run it to success. */
    private static void finishTestPods(KubernetesClient kube) {
        try {
            for (Pod pod : kube.pods().inNamespace("realfid").list().getItems()) {
                if (pod.getStatus() == null || !"Succeeded".equals(pod.getStatus().getPhase())) {
                    pod.setStatus(new PodStatusBuilder().withPhase("Succeeded").build());
                    kube.pods().inNamespace("realfid").resource(pod).updateStatus();
                }
            }
        } catch (RuntimeException raced) {
            // a pod changed or went meanwhile: the next round looks again
        }
    }

    private long audited(String release, String action) {
        return jdbc.sql("select count(*) from audit_event where release_name = ? and action = ?").params(release, action).query(Long.class).single();
    }

    private String lastHistory(String release) {
        return jdbc.sql("select message from unit_history where release_name = ? order by id desc limit 1").param(release)
                .query(String.class).optional().orElse("");
    }

    private static void merge(ApiClient api, ChangeRequests changes, Map<String, Object> release, String editing) {
        Map<String, Object> body = release == null ? Map.of("remove", editing)
                : editing == null ? Map.of("release", release) : Map.of("release", release, "editing", editing);
        ApiClient.Response created = api.post("/api/v1/change-requests", Auth.user("developer"), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        changes.approve(id, "approver");
        ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    }

    private static String sync(ApiClient api, String release) {
        JsonNode units = api.get("/api/v1/releases/" + release + "/status", Auth.user("viewer")).json();
        return units.isEmpty() ? "" : units.get(0).get("sync").asString();
    }

    private static String unitMessage(ApiClient api, String release) {
        return api.get("/api/v1/releases/" + release + "/status", Auth.user("viewer")).json().get(0).get("message").asString();
    }
}
