package io.chartroom.reconcile.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.ObjectRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Health per group and kind, from the live objects in src/test/resources/health: "# expect:" gives the state and
 * "# message:" a fragment of the message, one file per state.
 */
class HealthChecksTest {

    private static final Path FIXTURES = Path.of("src/test/resources/health");

    static Stream<Path> fixtures() throws IOException {
        return Files.list(FIXTURES).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void assessesTheFixture(Path fixture) throws IOException {
        String text = Files.readString(fixture);
        HealthState expected = HealthState.valueOf(line(text, "# expect:"));
        String message = line(text, "# message:");
        Health health = HealthChecks.assess(load(text));
        assertThat(health.state()).as(fixture + ": " + health.message()).isEqualTo(expected);
        if (message != null) {
            assertThat(health.message()).as(fixture.toString()).contains(message);
        }
    }

    @Test
    void theFixturesCoverEveryKindWithACheckInEveryStateItCanBeIn() throws IOException {
        Map<String, Set<HealthState>> seen = new LinkedHashMap<>();
        for (Path fixture : fixtures().toList()) {
            String text = Files.readString(fixture);
            Map<String, Object> object = load(text);
            String apiVersion = String.valueOf(object.get("apiVersion"));
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            HealthCheck check = HealthChecks.of(group, String.valueOf(object.get("kind")));
            String name = check == null ? "none" : check.getClass().getSimpleName();
            seen.computeIfAbsent(name, k -> EnumSet.noneOf(HealthState.class)).add(HealthState.valueOf(line(text, "# expect:")));
        }
        HealthState h = HealthState.HEALTHY, s = HealthState.SUSPENDED, p = HealthState.PROGRESSING, u = HealthState.UNKNOWN,
                d = HealthState.DEGRADED;
        assertThat(fixtures().count()).isGreaterThanOrEqualTo(40);
        assertThat(seen).containsEntry("DeploymentHealth", EnumSet.of(h, s, p, u, d))
                .containsEntry("StatefulSetHealth", EnumSet.of(h, p))
                .containsEntry("DaemonSetHealth", EnumSet.of(h, p))
                .containsEntry("ReplicaSetHealth", EnumSet.of(h, p, d))
                .containsEntry("JobHealth", EnumSet.of(h, s, p, d))
                .containsEntry("CronJobHealth", EnumSet.of(h, s, d))
                .containsEntry("PodHealth", EnumSet.of(h, p, u, d))
                .containsEntry("ServiceHealth", EnumSet.of(h, p))
                .containsEntry("IngressHealth", EnumSet.of(h, p))
                .containsEntry("PersistentVolumeClaimHealth", EnumSet.of(h, p, u, d))
                .containsEntry("HorizontalPodAutoscalerHealth", EnumSet.of(h, p, u, d))
                .containsEntry("APIServiceHealth", EnumSet.of(h, p))
                .containsEntry("ConditionsHealth", EnumSet.of(h, s, p, d))
                .containsKey("none");
    }

    @Test
    void theCheckIsChosenByGroupAndKind() {
        assertThat(HealthChecks.of("apps", "Deployment")).isInstanceOf(DeploymentHealth.class);
        assertThat(HealthChecks.of("deploy.example.com", "Deployment")).as("a CRD's kind of the same name").isInstanceOf(ConditionsHealth.class);
        assertThat(HealthChecks.of("networking.k8s.io", "Ingress")).isInstanceOf(IngressHealth.class);
        assertThat(HealthChecks.of("extensions", "Ingress")).isInstanceOf(IngressHealth.class);
        assertThat(HealthChecks.of("", "ConfigMap")).as("built in, nothing to wait for").isNull();
        assertThat(HealthChecks.of("rbac.authorization.k8s.io", "Role")).isNull();
        assertThat(HealthChecks.of("gateway.networking.k8s.io", "Gateway")).as("a CRD, though its group ends in k8s.io")
                .isInstanceOf(ConditionsHealth.class);
    }

    @Test
    void aMissingObjectIsMissingAndABuiltInKindWithoutACheckIsHealthyOnceItExists() {
        assertThat(HealthChecks.assess(null).state()).isEqualTo(HealthState.MISSING);
        assertThat(HealthChecks.assess(Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "x"))).state())
                .isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void onlyObjectsWhoseHealthCanChangeAreReadAgainByAHealthRefresh() {
        assertThat(HealthChecks.dependsOnStatus(new ObjectRef("apps/v1", "Deployment", "shop", "web"))).isTrue();
        assertThat(HealthChecks.dependsOnStatus(new ObjectRef("v1", "PersistentVolumeClaim", "shop", "data"))).isTrue();
        assertThat(HealthChecks.dependsOnStatus(new ObjectRef("batch/v1", "CronJob", "shop", "nightly"))).isTrue();
        assertThat(HealthChecks.dependsOnStatus(new ObjectRef("example.com/v1", "Widget", "shop", "first"))).as("custom").isTrue();
        assertThat(HealthChecks.dependsOnStatus(new ObjectRef("v1", "ConfigMap", "shop", "config"))).isFalse();
        assertThat(HealthChecks.dependsOnStatus(new ObjectRef("policy/v1", "PodDisruptionBudget", "shop", "web"))).isFalse();
    }

    @Test
    void aUnitShowsItsWorstObjectSuspendedAboveHealthyAndBelowEverythingStillMoving() {
        Map<String, Object> rolledOut = Map.of("apiVersion", "apps/v1", "kind", "Deployment", "spec", Map.of("replicas", 1),
                "status", Map.of("replicas", 1, "updatedReplicas", 1, "availableReplicas", 1));
        Map<String, Object> suspended = Map.of("apiVersion", "batch/v1", "kind", "CronJob", "spec", Map.of("suspend", true));
        Map<String, Object> rolling = Map.of("apiVersion", "apps/v1", "kind", "Deployment", "spec", Map.of("replicas", 2),
                "status", Map.of("replicas", 2, "updatedReplicas", 1));
        ObjectRef web = new ObjectRef("apps/v1", "Deployment", "shop", "web");
        ObjectRef nightly = new ObjectRef("batch/v1", "CronJob", "shop", "nightly");
        ObjectRef api = new ObjectRef("apps/v1", "Deployment", "shop", "api");

        Map<ObjectRef, Map<String, Object>> live = new LinkedHashMap<>();
        live.put(web, rolledOut);
        live.put(nightly, suspended);
        assertThat(HealthChecks.worst(live)).isEqualTo(new Health(HealthState.SUSPENDED, "CronJob shop/nightly: the cron job is suspended"));
        live.put(api, rolling);
        assertThat(HealthChecks.worst(live)).isEqualTo(new Health(HealthState.PROGRESSING, "Deployment shop/api: 1 of 2 replicas updated"));

        assertThat(List.of(HealthState.values())).containsExactly(HealthState.HEALTHY, HealthState.SUSPENDED, HealthState.PROGRESSING,
                HealthState.UNKNOWN, HealthState.MISSING, HealthState.DEGRADED);
        assertThat(Stream.of(HealthState.values()).filter(HealthState::settled).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(HealthState.HEALTHY, HealthState.SUSPENDED);
    }

    @Test
    void theFirstOfTwoEquallyBadVerdictsStands() {
        Health first = new Health(HealthState.PROGRESSING, "first");
        Health second = new Health(HealthState.PROGRESSING, "second");
        assertThat(HealthChecks.worse(first, second)).isSameAs(first);
        assertThat(HealthChecks.worse(Health.healthy(), second)).isSameAs(second);
        assertThat(HealthChecks.worse(new Health(HealthState.DEGRADED, "x"), second).state()).isEqualTo(HealthState.DEGRADED);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String text) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip()).findFirst().orElse(null);
    }
}
