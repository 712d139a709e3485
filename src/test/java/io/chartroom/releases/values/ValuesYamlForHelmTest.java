package io.chartroom.releases.values;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values Chartroom writes are read by Helm, whose YAML is 1.1: a string that YAML 1.1 reads as a boolean, null or
 * number ("on", "yes", "~", "012", "1_000") must reach the chart as that string. Checked with real Helm: each value's
 * kind as a template sees it.
 */
class ValuesYamlForHelmTest {

    @TempDir Path chart;

    @Test
    void stringsThatYaml11ReadsOtherwiseReachTheChartAsStrings() throws Exception {
        List<String> tricky = List.of("on", "On", "OFF", "yes", "No", "y", "N", "~", "Null", "012", "0b101", "1_000", "0x1F", "1:20", "1_0.5",
                ".5", "True", "plain text", "2.4.1");
        Map<String, Object> values = new LinkedHashMap<>();
        StringBuilder template = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kinds\ndata:\n");
        for (int i = 0; i < tricky.size(); i++) {
            values.put("v" + i, tricky.get(i));
            template.append("  v").append(i).append(": {{ kindOf .Values.v").append(i).append(" | quote }}\n");
        }
        values.put("realBoolean", true);
        values.put("realNumber", 5);
        template.append("  realBoolean: {{ kindOf .Values.realBoolean | quote }}\n  realNumber: {{ kindOf .Values.realNumber | quote }}\n");
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: kinds\nversion: 0.1.0\n");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("templates/kinds.yaml"), template.toString());
        Path file = chart.resolve("given.yaml");
        Files.writeString(file, ValuesYaml.dump(values));

        String manifest = new Helm(chart).template().withName("kinds").withValuesFile(file).call();
        for (int i = 0; i < tricky.size(); i++) {
            assertThat(manifest).as("'" + tricky.get(i) + "' as Helm reads it").contains("v" + i + ": \"string\"");
        }
        assertThat(manifest).contains("realBoolean: \"bool\"").contains("realNumber: \"float64\"");
        assertThat(ValuesYaml.dump(Map.of("plain", "web"))).as("nothing quoted that needs none").isEqualTo("plain: web\n");
    }
}
