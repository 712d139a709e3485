package io.chartroom.releases.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Layering base and environment values as Helm does, and editing a layer without losing what the form does not know. */
class ValuesLayeringTest {

    static final String DEFAULTS = """
            image:
              repository: nginx
              tag: "1.27"
            replicas: 1
            ports: [80, 443]
            resources:
              limits: {memory: 256Mi}
            labels: {team: web}
            """;
    static final String BASE = """
            image:
              tag: "1.28"
            ports: [8080]
            labels: {tier: front}
            """;
    static final String ENV = """
            replicas: 3
            image:
              pullPolicy: Always
            resources: null
            labels: {team: null}
            """;

    @Test
    void mapsMergeDeeplyListsAreReplacedAndNullRemovesAChartDefault() {
        Map<String, Object> effective = ValuesTree.effective(ValuesYaml.parse(DEFAULTS, "defaults"),
                ValuesTree.layer(ValuesYaml.parse(BASE, "base"), ValuesYaml.parse(ENV, "production")));
        assertThat(effective).isEqualTo(ValuesYaml.parse("""
                image: {repository: nginx, tag: "1.28", pullPolicy: Always}
                replicas: 3
                ports: [8080]
                labels: {tier: front}
                """, "expected"));
    }

    /** The same inputs through Helm itself (helm-java): -f base -f env on the chart's defaults. */
    @Test
    void agreesWithHelmsOwnMerge(@TempDir Path tmp) throws Exception {
        Path chart = Files.createDirectories(tmp.resolve("echo/templates"));
        Files.writeString(tmp.resolve("echo/Chart.yaml"), "apiVersion: v2\nname: echo\nversion: 0.1.0\n");
        Files.writeString(tmp.resolve("echo/values.yaml"), DEFAULTS);
        Files.writeString(chart.resolve("values.yaml"), "# Source-less echo of the values\nvalues:\n{{ toYaml .Values | indent 2 }}\n");
        Files.writeString(tmp.resolve("base.yaml"), BASE);
        Files.writeString(tmp.resolve("env.yaml"), ENV);
        String rendered = new Helm(tmp.resolve("echo")).template().withName("echo")
                .withValuesFile(tmp.resolve("base.yaml")).withValuesFile(tmp.resolve("env.yaml")).call();
        Object helms = ((Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(
                rendered.substring(rendered.indexOf("values:")))).get("values");

        Map<String, Object> ours = ValuesTree.effective(ValuesYaml.parse(DEFAULTS, "defaults"),
                ValuesTree.layer(ValuesYaml.parse(BASE, "base"), ValuesYaml.parse(ENV, "production")));
        assertThat(ValuesTree.equal(ours, helms)).as("ours %s, helm's %s", ours, helms).isTrue();

        // and passing our merged user values as one file gives Helm the same result
        Files.writeString(tmp.resolve("user.yaml"), ValuesYaml.dump(ValuesTree.layer(ValuesYaml.parse(BASE, "base"), ValuesYaml.parse(ENV, "production"))));
        String single = new Helm(tmp.resolve("echo")).template().withName("echo").withValuesFile(tmp.resolve("user.yaml")).call();
        assertThat(single).isEqualTo(rendered);
    }

    @Test
    void theMinimalOverrideHoldsOnlyWhatDiffers() {
        Map<String, Object> base = ValuesYaml.parse(BASE, "base");
        Map<String, Object> desired = ValuesYaml.parse("""
                image: {tag: "1.28"}
                ports: [8080, 9090]
                labels: {tier: front, extra: x}
                """, "desired");
        Map<String, Object> minimal = ValuesTree.minimalOverride(base, desired);
        assertThat(minimal).isEqualTo(ValuesYaml.parse("ports: [8080, 9090]\nlabels: {extra: x}\n", "expected"));
        assertThat(ValuesTree.layer(base, minimal)).isEqualTo(desired);
    }

    @Test
    void badYamlFailsWithLineAndColumnAndAHugeFileIsRefused() {
        assertThatThrownBy(() -> ValuesYaml.parse("a: 1\nb: [unclosed\n", "base"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems().getFirst().location()).matches("base:\\d+:\\d+"));
        assertThatThrownBy(() -> ValuesYaml.parse("- a list\n", "base")).hasMessageContaining("must be a mapping");
        assertThatThrownBy(() -> ValuesYaml.parse("a: 1\na: 2\n", "base")).hasMessageContaining("found duplicate key a");
        String tenMegabytes = "k: \"" + "x".repeat(10 * 1024 * 1024) + "\"\n";
        assertThatThrownBy(() -> ValuesYaml.parse(tenMegabytes, "production"))
                .hasMessageContaining("production").hasMessageContaining("at most 1024 KB per layer");
    }
}
