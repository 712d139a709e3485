package io.chartroom.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.chartroom.gitops.domain.RepositoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version line Chartroom writes for a release whose environments run different chart versions is a Go template
 * with sprig's functions, as helmfile evaluates it. Evaluated here by Helm's own template engine (the same Go
 * template and sprig helmfile uses), with the environment's name as a value: each environment gets its version.
 */
class HelmfileVersionTemplateTest {

    @TempDir Path chart;

    @Test
    void eachEnvironmentGetsItsVersionFromTheTemplate() throws Exception {
        String helmfile = RepositoryLayout.releaseFiles(RepositoryLayoutTest.SHOP.withChartVersions(Map.of("dev", "1.3.0-rc.1")))
                .get("releases/shop/helmfile.yaml.gotmpl");
        String versionLine = helmfile.lines().filter(l -> l.startsWith("    version: ")).findFirst().orElseThrow().strip();
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: probe\nversion: 0.1.0\n");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("templates/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: probe\ndata:\n  "
                + versionLine.replace(".Environment.Name", ".Values.environment") + "\n");
        for (Map.Entry<String, String> expected : Map.of("dev", "1.3.0-rc.1", "production", "1.2.0").entrySet()) {
            String manifest = new Helm(chart).template().withName("probe").set("environment", expected.getKey()).call();
            assertThat(manifest).as(expected.getKey()).contains("version: " + expected.getValue());
        }
    }
}
