package io.chartroom.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.reconcile.domain.HealthState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Health per kind, from the YAML fixtures in src/test/resources/health: "# expect:" and "# message:" say what. */
class HealthAssessorTest {

    static Stream<Path> fixtures() throws IOException {
        return Files.list(Path.of("src/test/resources/health")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @SuppressWarnings("unchecked")
    void assessesTheFixture(Path fixture) throws IOException {
        String text = Files.readString(fixture);
        HealthState expected = HealthState.valueOf(line(text, "# expect:"));
        String message = line(text, "# message:");
        Map<String, Object> object = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
        HealthAssessor.Health health = HealthAssessor.assess(object);
        assertThat(health.state()).as(fixture + ": " + health.message()).isEqualTo(expected);
        if (message != null) {
            assertThat(health.message()).contains(message);
        }
    }

    @Test
    void aMissingObjectIsMissing() {
        assertThat(HealthAssessor.assess(null).state()).isEqualTo(HealthState.MISSING);
    }

    @Test
    void onlyKindsWithAStatusToWaitForAreReadAgainByAHealthRefresh() {
        assertThat(HealthAssessor.dependsOnStatus("Deployment")).isTrue();
        assertThat(HealthAssessor.dependsOnStatus("PersistentVolumeClaim")).isTrue();
        assertThat(HealthAssessor.dependsOnStatus("ConfigMap")).isFalse();
        assertThat(HealthAssessor.assess(Map.of("kind", "ConfigMap", "metadata", Map.of("name", "x"))).state()).isEqualTo(HealthState.HEALTHY);
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip()).findFirst().orElse(null);
    }
}
