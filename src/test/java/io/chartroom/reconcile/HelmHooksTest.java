package io.chartroom.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.clusters.service.SimulatedClusters;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.FidelityCharts;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import io.chartroom.fixtures.ReleaseFlow;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Helm hooks on a simulated cluster, as Helm install and upgrade run them: by phase and weight, deleted by their
 * policy, post-upgrade hooks once an upgrade is healthy, a failing hook failing the unit with its job's message;
 * tests never on sync, run on demand per unit (or all of a release's), as the user who asked.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmHooksTest {

    static final Duration CONVERGE = Duration.ofSeconds(60);

    @LocalServerPort int port;
    @Autowired SimulatedClusters simulated;
    @Autowired JdbcClient jdbc;
    ApiClient api;
    ReleaseFlow flow;
    KubernetesClient dev;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        FidelityCharts.register(api, port);
        flow = new ReleaseFlow(api);
        dev = new KubernetesClientBuilder().withConfig(simulated.server("sim-dev").orElseThrow().config()).build();
    }

    @AfterAll
    void close() {
        dev.close();
    }

    @Test
    void hooksRunInTheirPhaseAndWeightOrderAndAreDeletedAsTheirPolicySays() {
        long id = flow.propose(hooks("fid-hooks", "fidelity", ""));
        assertThat(flow.objects(id)).extracting(o -> o.get("kind").asString() + " " + o.get("name").asString() + ": " + o.get("role").asString())
                .contains("Job fid-hooks-migrate: hook pre-install, pre-upgrade (weight -5); deleted before-hook-creation, hook-succeeded",
                        "Job fid-hooks-smoke: hook post-install, post-upgrade (weight 10); deleted before-hook-creation, hook-failed",
                        "Pod fid-hooks-test-connection: test hook: run on demand (Run tests), never on sync; deleted before-hook-creation",
                        "CustomResourceDefinition legacyhooks.fidelity.chartroom.io: CRD (legacy crd-install hook): applied first; kept when the release "
                                + "goes, unless its environment prunes CRDs",
                        "ConfigMap fid-hooks-config: ");
        flow.merge(id);
        Poll.until(CONVERGE, () -> flow.synced("fid-hooks", "dev"), ok -> ok);
        assertThat(dev.configMaps().inNamespace("fidelity").withName("fid-hooks-config").get()).isNotNull();
        assertThat(dev.batch().v1().jobs().inNamespace("fidelity").withName("fid-hooks-migrate").get()).as("hook-succeeded").isNull();
        assertThat(dev.batch().v1().jobs().inNamespace("fidelity").withName("fid-hooks-notify").get()).as("hook-succeeded").isNull();
        assertThat(dev.batch().v1().jobs().inNamespace("fidelity").withName("fid-hooks-smoke").get())
                .as("hook-failed only: kept after it succeeded").isNotNull();
        assertThat(dev.pods().inNamespace("fidelity").withName("fid-hooks-test-connection").get()).as("tests never run on sync").isNull();
        assertThat(dev.apiextensions().v1().customResourceDefinitions().withName("legacyhooks.fidelity.chartroom.io").get()).isNotNull();
        assertThat(flow.unit("fid-hooks", "dev").get("objects").asInt()).as("hooks are not inventory: config + CRD + namespace").isEqualTo(3);
        assertThat(lastHistory("fid-hooks")).contains("ran 5 hooks");
        // by weight (-10, -5, 5), not by Helm's kind order or name, which would put late-config before the job
        assertThat(hooksOfLastApply("fid-hooks")).containsExactly("pre-install ConfigMap fidelity/fid-hooks-pre-config succeeded",
                "pre-install Job fidelity/fid-hooks-migrate succeeded", "pre-install ConfigMap fidelity/fid-hooks-late-config succeeded",
                "post-install Job fidelity/fid-hooks-notify succeeded", "post-install Job fidelity/fid-hooks-smoke succeeded");
        assertThat(resourceVersion("fid-hooks-pre-config")).as("the order they reached the cluster").isLessThan(resourceVersion("fid-hooks-late-config"));

        // an upgrade whose pre-upgrade hooks succeed runs the post-upgrade ones once the release is healthy
        flow.merge(flow.propose(hooks("fid-hooks", "fidelity", "note: a second sync\n"), "fid-hooks"));
        Poll.until(CONVERGE, () -> hooksOfLastApply("fid-hooks"), h -> h.stream().anyMatch(s -> s.startsWith("pre-upgrade")));
        assertThat(hooksOfLastApply("fid-hooks")).containsExactly("pre-upgrade Job fidelity/fid-hooks-migrate succeeded",
                "pre-upgrade ConfigMap fidelity/fid-hooks-late-config succeeded", "post-upgrade Job fidelity/fid-hooks-notify succeeded",
                "post-upgrade Job fidelity/fid-hooks-smoke succeeded");
        Poll.until(CONVERGE, () -> flow.synced("fid-hooks", "dev"), ok -> ok);

        // hook-failed: a failing post-upgrade job fails the unit with its message and is deleted
        flow.merge(flow.propose(hooks("fid-hooks", "fidelity", "failSmoke: true\n"), "fid-hooks"));
        Poll.until(CONVERGE, () -> flow.unit("fid-hooks", "dev").get("message").asString(), m -> m.startsWith("post-upgrade hook"));
        assertThat(flow.unit("fid-hooks", "dev").get("sync").asString()).isEqualTo("FAILED");
        assertThat(flow.unit("fid-hooks", "dev").get("message").asString()).isEqualTo("post-upgrade hook Job fidelity/fid-hooks-smoke failed: "
                + "BackoffLimitExceeded: Job has reached the specified backoff limit");
        assertThat(dev.batch().v1().jobs().inNamespace("fidelity").withName("fid-hooks-smoke").get()).as("hook-failed").isNull();

        // a failing pre-upgrade migration: the unit fails with the job's message, nothing after it is applied
        flow.merge(flow.propose(hooks("fid-hooks", "fidelity", "failMigration: true\n"), "fid-hooks"));
        Poll.until(CONVERGE, () -> flow.unit("fid-hooks", "dev").get("message").asString(), m -> m.startsWith("pre-upgrade hook"));
        assertThat(flow.unit("fid-hooks", "dev").get("message").asString()).isEqualTo("pre-upgrade hook Job fidelity/fid-hooks-migrate failed: "
                + "BackoffLimitExceeded: Job has reached the specified backoff limit");
        assertThat(dev.batch().v1().jobs().inNamespace("fidelity").withName("fid-hooks-migrate").get())
                .as("no hook-failed policy: the failed job stays for inspection").isNotNull();
        flow.merge(flow.proposeRemoval("fid-hooks"));
    }

    @Test
    void testsRunOnDemandPerUnitAsTheUserWhoAskedAndAFailingTestSaysWhatItsPodSaid() {
        flow.merge(flow.propose(hooks("fid-tests", "fidelity-tests", "")));
        Poll.until(CONVERGE, () -> flow.synced("fid-tests", "dev"), ok -> ok);
        String unit = "/api/v1/releases/fid-tests/units/dev/sim-dev/tests";
        assertThat(api.post(unit, Auth.user("developer"), Map.of()).status()).isEqualTo(403);
        ApiClient.Response nowhere = api.post("/api/v1/releases/fid-tests/units/production/sim-production/tests", Auth.user("approver"), Map.of());
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.body()).contains("fid-tests does not run in environment production on cluster sim-production");
        ApiClient.Response ran = api.post(unit, Auth.user("approver"), Map.of());
        assertThat(ran.status()).as(ran.body()).isEqualTo(200);
        Poll.until(CONVERGE, () -> lastHistory("fid-tests"), m -> m.startsWith("tests"));
        assertThat(lastHistory("fid-tests")).isEqualTo("tests passed: 1 test");
        assertThat(dev.pods().inNamespace("fidelity-tests").withName("fid-tests-test-connection").get()).as("kept until the next run").isNotNull();
        assertThat(jdbc.sql("select actor || ' ' || environment || ' ' || cluster from audit_event where release_name = 'fid-tests' "
                + "and action = 'reconcile.tests_passed'").query(String.class).list()).as("the user who asked, not the system")
                .containsExactly("approver dev sim-dev");

        // the test fails: Run tests (all of the release's units) reports it with what the pod's container said
        flow.merge(flow.propose(hooks("fid-tests", "fidelity-tests", "failTest: true\n"), "fid-tests"));
        Poll.until(CONVERGE, () -> lastHistory("fid-tests"), m -> m.startsWith("applied"));
        ApiClient.Response all = api.post("/api/v1/releases/fid-tests/tests", Auth.user("approver"), Map.of());
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().get("units").asInt()).isEqualTo(1);
        Poll.until(CONVERGE, () -> lastHistory("fid-tests"), m -> m.startsWith("tests"));
        assertThat(lastHistory("fid-tests")).isEqualTo("tests failed: test hook Pod fidelity-tests/fid-tests-test-connection failed: "
                + "Error: container wget exited with 1: wget: can't connect to remote host: Connection refused");
        assertThat(jdbc.sql("select actor from audit_event where release_name = 'fid-tests' and action = 'reconcile.tests_failed'")
                .query(String.class).list()).containsExactly("approver");
        flow.merge(flow.proposeRemoval("fid-tests"));
    }

    private static Map<String, Object> hooks(String name, String namespace, String values) {
        return FidelityCharts.release(name, "with-hooks", namespace, values, List.of("dev"));
    }

    private String lastHistory(String release) {
        return jdbc.sql("select message from unit_history where release_name = ? order by id desc limit 1").param(release)
                .query(String.class).optional().orElse("");
    }

    /** The hooks the release's latest apply ran, in the order it ran them (from its audit row). */
    private List<String> hooksOfLastApply(String release) {
        return jdbc.sql("select details from audit_event where release_name = ? and action = 'reconcile.applied' order by id desc limit 1")
                .param(release).query(String.class).optional()
                .map(d -> ApiClient.JSON.readTree(d).path("hooks").valueStream().map(h -> h.asString()).toList()).orElse(List.of());
    }

    private long resourceVersion(String configMap) {
        return Long.parseLong(dev.configMaps().inNamespace("fidelity").withName(configMap).get().getMetadata().getResourceVersion());
    }
}
