package io.chartroom.reconcile.sync;

import io.chartroom.reconcile.cluster.KubeObjects;
import io.chartroom.reconcile.plan.DesiredObjects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.clusters.service.SimulatedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Helm hooks run as Helm install runs them: how a Job's or a Pod's status reads (table), their order, and, on a
 * simulated API server, the delete policies and a failing hook ending its phase.
 */
class HookRunnerTest {

    static SimulatedApiServer server;
    static KubernetesClient client;
    static HookRunner runner;

    @BeforeAll
    static void start() {
        server = new SimulatedApiServer("v1.31.2");
        client = new KubernetesClientBuilder().withConfig(server.config()).build();
        runner = new HookRunner(new KubeObjects(client, true, new AtomicLong()), Duration.ofSeconds(20), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                // live object (YAML), outcome: null = done, "" = still running, else why it failed
                Arguments.of("{kind: Job, status: {conditions: [{type: Complete, status: 'True'}]}}", null),
                Arguments.of("{kind: Job, status: {conditions: [{type: Complete, status: 'False'}]}}", ""),
                Arguments.of("{kind: Job, status: {active: 1}}", ""),
                Arguments.of("{kind: Job, status: {conditions: [{type: Failed, status: 'True', reason: BackoffLimitExceeded, "
                        + "message: Job has reached the specified backoff limit}]}}", "BackoffLimitExceeded: Job has reached the specified backoff limit"),
                Arguments.of("{kind: Job, status: {conditions: [{type: Failed, status: 'True'}]}}", "Failed: the job failed"),
                Arguments.of("{kind: Pod, status: {phase: Succeeded}}", null),
                Arguments.of("{kind: Pod, status: {phase: Running}}", ""),
                Arguments.of("{kind: Pod, status: {phase: Pending}}", ""),
                Arguments.of("{kind: Pod, status: {phase: Failed, reason: Evicted, message: 'The node was low on resource: memory.'}}",
                        "Evicted: The node was low on resource: memory."),
                Arguments.of("{kind: Pod, status: {phase: Failed, containerStatuses: [{name: wget, state: {terminated: {exitCode: 1, "
                        + "reason: Error, message: \"wget: can't connect to remote host\\n\"}}}]}}",
                        "Error: container wget exited with 1: wget: can't connect to remote host"),
                Arguments.of("{kind: Pod, status: {phase: Failed, containerStatuses: [{name: sidecar, state: {terminated: {exitCode: 0}}}, "
                        + "{name: check, state: {terminated: {exitCode: 2, reason: Error}}}]}}", "Error: container check exited with 2"),
                Arguments.of("{kind: Pod, status: {phase: Failed}}", "Failed: the pod failed"),
                Arguments.of("{kind: ConfigMap, data: {a: b}}", null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("outcomes")
    @SuppressWarnings("unchecked")
    void aHooksStatusSaysWhetherItIsDoneRunningOrFailedAndWhy(String live, String outcome) {
        assertThat(HookRunner.outcome((Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(live))).isEqualTo(outcome);
    }

    @Test
    void hooksRunByWeightThenHelmsKindOrderThenName() {
        List<DesiredObjects.Desired> hooks = hooks("order", """
                {kind: Job, apiVersion: batch/v1, metadata: {name: a, annotations: {helm.sh/hook: pre-install, helm.sh/hook-weight: "-5"}}}
                ---
                {kind: ConfigMap, apiVersion: v1, metadata: {name: z, annotations: {helm.sh/hook: pre-install, helm.sh/hook-weight: "-10"}}}
                ---
                {kind: ConfigMap, apiVersion: v1, metadata: {name: b, annotations: {helm.sh/hook: pre-install, helm.sh/hook-weight: "5"}}}
                ---
                {kind: Job, apiVersion: batch/v1, metadata: {name: d, annotations: {helm.sh/hook: pre-install, helm.sh/hook-weight: "5"}}}
                ---
                {kind: Secret, apiVersion: v1, metadata: {name: c, annotations: {helm.sh/hook: pre-install, helm.sh/hook-weight: "5"}}}
                """);
        assertThat(HookRunner.ordered(hooks)).extracting(d -> d.ref().name()).containsExactly("z", "a", "c", "b", "d");
    }

    @Test
    void eachHookIsAppliedInOrderWaitedForAndDeletedAsItsPolicySays() {
        List<DesiredObjects.Desired> hooks = hooks("policies", """
                {kind: ConfigMap, apiVersion: v1, metadata: {name: late, annotations: {helm.sh/hook: pre-install, helm.sh/hook-weight: "5"}}}
                ---
                {kind: Job, apiVersion: batch/v1, metadata: {name: migrate, annotations: {helm.sh/hook: pre-install, helm.sh/hook-weight: "-5",
                  helm.sh/hook-delete-policy: hook-succeeded}}, spec: {template: {spec: {restartPolicy: Never, containers: [{name: m, image: busybox}]}}}}
                ---
                {kind: ConfigMap, apiVersion: v1, metadata: {name: first, annotations: {helm.sh/hook: pre-install, helm.sh/hook-weight: "-10"}}}
                """);
        assertThat(runner.run("pre-install", hooks)).containsExactly("pre-install ConfigMap policies/first succeeded",
                "pre-install Job policies/migrate succeeded", "pre-install ConfigMap policies/late succeeded");
        assertThat(resourceVersion("first")).as("the order the hooks reached the cluster").isLessThan(resourceVersion("late"));
        assertThat(client.batch().v1().jobs().inNamespace("policies").withName("migrate").get()).as("hook-succeeded").isNull();
        String uid = client.configMaps().inNamespace("policies").withName("first").get().getMetadata().getUid();

        runner.run("pre-install", hooks);
        assertThat(client.configMaps().inNamespace("policies").withName("first").get().getMetadata().getUid())
                .as("before-hook-creation (the default): the earlier one is deleted, a new one created").isNotEqualTo(uid);
    }

    @Test
    void aFailingHookEndsItsPhaseWithItsMessageAndHookFailedDeletesIt() {
        List<DesiredObjects.Desired> hooks = hooks("failing", """
                {kind: Job, apiVersion: batch/v1, metadata: {name: check, annotations: {helm.sh/hook: post-upgrade,
                  helm.sh/hook-delete-policy: hook-failed}}, spec: {template: {metadata: {annotations: {chartroom.io/simulated-outcome: failed}},
                  spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}}}}
                ---
                {kind: ConfigMap, apiVersion: v1, metadata: {name: after, annotations: {helm.sh/hook: post-upgrade, helm.sh/hook-weight: "1"}}}
                """);
        assertThatThrownBy(() -> runner.run("post-upgrade", hooks)).isInstanceOf(HookRunner.HookFailed.class)
                .hasMessage("post-upgrade hook Job failing/check failed: BackoffLimitExceeded: Job has reached the specified backoff limit");
        assertThat(client.batch().v1().jobs().inNamespace("failing").withName("check").get()).as("hook-failed").isNull();
        assertThat(client.configMaps().inNamespace("failing").withName("after").get()).as("nothing after the failed hook").isNull();

        List<DesiredObjects.Desired> kept = hooks("failing", """
                {kind: Job, apiVersion: batch/v1, metadata: {name: kept, annotations: {helm.sh/hook: post-upgrade,
                  helm.sh/hook-delete-policy: hook-succeeded}}, spec: {template: {metadata: {annotations: {chartroom.io/simulated-outcome: failed}},
                  spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}}}}
                """);
        assertThatThrownBy(() -> runner.run("post-upgrade", kept)).isInstanceOf(HookRunner.HookFailed.class);
        assertThat(client.batch().v1().jobs().inNamespace("failing").withName("kept").get()).as("only hook-succeeded: kept to look at")
                .isNotNull();
    }

    @Test
    void aFailingTestPodFailsWithWhatItsContainerSaid() {
        List<DesiredObjects.Desired> tests = hooks("tests", """
                {kind: Pod, apiVersion: v1, metadata: {name: t, annotations: {helm.sh/hook: test, chartroom.io/simulated-outcome: failed,
                  chartroom.io/simulated-message: "wget: bad address 'web:80'"}},
                  spec: {restartPolicy: Never, containers: [{name: wget, image: busybox}]}}
                """);
        assertThatThrownBy(() -> runner.run("test", tests)).isInstanceOf(HookRunner.HookFailed.class)
                .hasMessage("test hook Pod tests/t failed: Error: container wget exited with 1: wget: bad address 'web:80'");
    }

    private static List<DesiredObjects.Desired> hooks(String namespace, String manifest) {
        return DesiredObjects.from(manifest, "rel", "dev", namespace, "rev").stream().filter(d -> !d.inventory()).toList();
    }

    private static long resourceVersion(String configMap) {
        return Long.parseLong(client.configMaps().inNamespace("policies").withName(configMap).get().getMetadata().getResourceVersion());
    }
}
