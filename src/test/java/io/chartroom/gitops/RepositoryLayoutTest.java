package io.chartroom.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.LayoutException;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.domain.RepositoryLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The GitOps repository layout: what Chartroom writes, it reads back; anything else fails with file and line. */
class RepositoryLayoutTest {

    static final ReleaseDescription SHOP = new ReleaseDescription("shop", "payments", "payments",
            new ChartReference("chartroom-samples", "http://127.0.0.1:8080/samples/charts/", false, "web-service", "1.2.0"),
            List.of("dev", "production"), "# the shop\nreplicaCount: 2\n", Map.of("production", "replicaCount: 5\n"));

    @Test
    void writesTheHelmfileLayoutAndReadsItBack() {
        Map<String, String> files = RepositoryLayout.releaseFiles(SHOP);
        assertThat(files).containsOnlyKeys("releases/shop/helmfile.yaml.gotmpl", "releases/shop/values/shop.yaml",
                "releases/shop/values/shop--production.yaml");
        String helmfile = files.get("releases/shop/helmfile.yaml.gotmpl");
        assertThat(helmfile).contains("bases:\n  - ../../environments.yaml\n---\n")
                .contains("chart: chartroom-samples/web-service")
                .contains("installed: {{ has .Environment.Name (list \"dev\" \"production\") }}")
                .contains("- values/shop--{{ .Environment.Name }}.yaml");
        assertThat(files.get("releases/shop/values/shop.yaml")).isEqualTo("# the shop\nreplicaCount: 2\n");

        ReleaseDescription read = RepositoryLayout.readRelease("shop", path -> Optional.ofNullable(files.get(path)));
        assertThat(read).isEqualTo(SHOP);
    }

    @Test
    void anEnvironmentRunsItsOwnChartVersionThroughHelmfilesTemplate() {
        ReleaseDescription upgraded = SHOP.withChartVersions(Map.of("dev", "1.3.0-rc.1", "production", "1.2.0"));
        assertThat(upgraded.chartVersions()).as("the base's own version is not an override").containsOnly(Map.entry("dev", "1.3.0-rc.1"));
        assertThat(upgraded.chartFor("dev").version()).isEqualTo("1.3.0-rc.1");
        assertThat(upgraded.chartFor("production").version()).isEqualTo("1.2.0");
        Map<String, String> files = RepositoryLayout.releaseFiles(upgraded);
        String helmfile = files.get("releases/shop/helmfile.yaml.gotmpl");
        assertThat(helmfile).contains("    version: {{ get (dict \"dev\" \"1.3.0-rc.1\") .Environment.Name | default \"1.2.0\" }}\n");
        assertThat(RepositoryLayout.readRelease("shop", path -> Optional.ofNullable(files.get(path)))).isEqualTo(upgraded);
        assertThat(RepositoryLayout.releaseFiles(SHOP.withChartVersions(Map.of("staging", "1.3.0"))))
                .as("an environment the release does not run in keeps no version").isEqualTo(RepositoryLayout.releaseFiles(SHOP));

        Map<String, String> foreign = new HashMap<>(files);
        foreign.put("releases/shop/helmfile.yaml.gotmpl", helmfile.replace("(dict \"dev\"", "(dict \"qa\""));
        assertThatThrownBy(() -> RepositoryLayout.readRelease("shop", path -> Optional.ofNullable(foreign.get(path))))
                .isInstanceOf(LayoutException.class).hasMessageContaining("environment qa, which the release does not run in");
        foreign.put("releases/shop/helmfile.yaml.gotmpl", helmfile.replace("\"1.3.0-rc.1\"", "\"1.2.0\""));
        assertThatThrownBy(() -> RepositoryLayout.readRelease("shop", path -> Optional.ofNullable(foreign.get(path))))
                .isInstanceOf(LayoutException.class).hasMessageContaining("repeats the default 1.2.0");
        foreign.put("releases/shop/helmfile.yaml.gotmpl", helmfile.replace("| default", "| upper | default"));
        assertThatThrownBy(() -> RepositoryLayout.readRelease("shop", path -> Optional.ofNullable(foreign.get(path))))
                .isInstanceOf(LayoutException.class).hasMessageContaining("12").hasMessageContaining("only Chartroom's own template expressions");
        assertThatThrownBy(() -> RepositoryLayout.releaseFiles(SHOP.withChartVersions(Map.of("dev", "1.3\" }}{{ exec"))))
                .hasMessageContaining("is not a chart version");
    }

    @Test
    void ociRepositoriesAndEnvironmentsFile() {
        ReleaseDescription oci = new ReleaseDescription("api", "team-a", "search",
                new ChartReference("ghcr", "oci://ghcr.io/acme/charts", true, "api", "0.4.0"), List.of("dev"), "", Map.of());
        Map<String, String> files = RepositoryLayout.releaseFiles(oci);
        assertThat(files.get("releases/api/helmfile.yaml.gotmpl")).contains("url: ghcr.io/acme/charts\n    oci: true");
        assertThat(files.get("releases/api/values/api.yaml")).isEqualTo("{}\n");
        assertThat(RepositoryLayout.readRelease("api", p -> Optional.ofNullable(files.get(p)))).isEqualTo(oci);

        String environments = EnvironmentsLayout.write(List.of(
                EnvironmentDefinition.of("dev", "Development", "env=dev", "v1.31.2", true, false, EnvironmentDefinition.Approvals.DEFAULT),
                EnvironmentDefinition.of("production", "Live: \"careful\"", "env in (production, prod)", "v1.31.2", false, true,
                        new EnvironmentDefinition.Approvals(2, "APPROVER", "@owner", true))));
        Map<?, ?> parsed = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(environments);
        Map<?, ?> production = (Map<?, ?>) ((Map<?, ?>) parsed.get("environments")).get("production");
        Map<?, ?> chartroom = (Map<?, ?>) ((Map<?, ?>) ((List<?>) production.get("values")).getFirst()).get("chartroom");
        assertThat(chartroom.get("clusterSelector")).isEqualTo("env in (production, prod)");
        assertThat(chartroom.get("description")).isEqualTo("Live: \"careful\"");
        assertThat(EnvironmentsLayout.read(environments)).extracting(EnvironmentDefinition::name).containsExactly("dev", "production");
        assertThat(EnvironmentsLayout.read(environments).get(1).clusterSelector()).isEqualTo("env in (production, prod)");
        assertThat(EnvironmentsLayout.read(EnvironmentsLayout.write(List.of()))).isEmpty();
        assertThat(EnvironmentsLayout.read(environments)).as("reads back as written").isEqualTo(EnvironmentsLayout.read(
                EnvironmentsLayout.write(EnvironmentsLayout.read(environments))));
        EnvironmentDefinition live = EnvironmentsLayout.read(environments).get(1);
        assertThat(live.selfHeal()).isFalse();
        assertThat(live.pruneCrds()).isTrue();
        assertThat(live.approvals()).isEqualTo(new EnvironmentDefinition.Approvals(2, "APPROVER", "@owner", true));
    }

    /** A file written before environments.yaml held every setting reads with those settings left open, not guessed. */
    @Test
    void anOlderFileLeavesTheNewerSettingsOpen() {
        EnvironmentDefinition dev = EnvironmentsLayout.read("""
                environments:
                  dev:
                    values:
                      - chartroom:
                          description: Development
                          clusterSelector: env=dev
                          kubeVersion: v1.31.2
                """).getFirst();
        assertThat(dev.selfHeal()).isNull();
        assertThat(dev.pruneCrds()).isNull();
        assertThat(dev.approvals()).isNull();
        assertThatThrownBy(() -> EnvironmentsLayout.read("""
                environments:
                  dev:
                    values:
                      - chartroom:
                          description: Development
                          clusterSelector: env=dev
                          kubeVersion: v1.31.2
                          selfHeal: yes
                """)).hasMessage("environments.yaml:8: selfHeal must be true or false, not 'yes'");
        assertThatThrownBy(() -> EnvironmentsLayout.read("""
                environments:
                  dev:
                    values:
                      - chartroom:
                          description: Development
                          clusterSelector: env=dev
                          kubeVersion: v1.31.2
                          approvals: {required: 2, role: OWNER}
                """)).hasMessage("environments.yaml:8: role must be APPROVER or ADMIN, not 'OWNER'");
    }

    /** A team's own environments.yaml is not Chartroom's to rewrite: reading it names the line that differs. */
    @Test
    void aTeamsEnvironmentsFileDoesNotReadAsChartroomsOwn() {
        assertThatThrownBy(() -> EnvironmentsLayout.read("environments:\n  production:\n    values:\n      - production.yaml\n"))
                .isInstanceOf(LayoutException.class).hasMessage("environments.yaml:4: expected a mapping");
        assertThatThrownBy(() -> EnvironmentsLayout.read("environments:\n  staging:\n    kubeContext: stg\n"))
                .hasMessage("environments.yaml:3: 'kubeContext' is not something Chartroom writes here");
        assertThatThrownBy(() -> EnvironmentsLayout.readRootHelmfile("helmfiles:\n  - path: helmfile.d/*.yaml\n"))
                .hasMessage("helmfile.yaml:2: Chartroom includes releases/*/helmfile.yaml.gotmpl, not helmfile.d/*.yaml");
        EnvironmentsLayout.readRootHelmfile(RepositoryLayout.rootHelmfile());
    }

    @Test
    void anythingElseFailsWithTheFileAndLine() {
        Map<String, String> files = new HashMap<>(RepositoryLayout.releaseFiles(SHOP));
        String path = "releases/shop/helmfile.yaml.gotmpl";
        String original = files.get(path);

        files.put(path, original.replace("    missingFileHandler: Info\n", "    missingFileHandler: Info\n    wait: true\n"));
        assertThatThrownBy(() -> RepositoryLayout.readRelease("shop", p -> Optional.ofNullable(files.get(p))))
                .isInstanceOf(LayoutException.class).hasMessage(path + ":17: 'wait' is not something Chartroom writes here");

        files.put(path, original.replace("    namespace: payments\n", "    namespace: {{ .Values.ns }}\n"));
        assertThatThrownBy(() -> RepositoryLayout.readRelease("shop", p -> Optional.ofNullable(files.get(p))))
                .hasMessage(path + ":10: only Chartroom's own template expressions are supported here");

        files.put(path, original.replace("chart: chartroom-samples/web-service", "chart: other/web-service"));
        assertThatThrownBy(() -> RepositoryLayout.readRelease("shop", p -> Optional.ofNullable(files.get(p))))
                .hasMessageStartingWith(path + ":11: the chart must come from repository chartroom-samples");

        files.remove(path);
        assertThatThrownBy(() -> RepositoryLayout.readRelease("shop", p -> Optional.ofNullable(files.get(p))))
                .hasMessage(path + ": missing");
    }

    /** Every scalar goes through the YAML library's quoting; what would not read back the same is never written. */
    @Test
    void hostileScalarsAreQuotedOrRefusedNeverInjected() {
        ReleaseDescription sneaky = new ReleaseDescription("shop", "payments", "pay\nments: x\n    namespace: kube-system",
                new ChartReference("chartroom-samples", "https://charts.example.com/a b?c=#d", false, "web-service", "1.2.0"),
                List.of("dev"), "", Map.of());
        Map<String, String> files = RepositoryLayout.releaseFiles(sneaky);
        String helmfile = files.get("releases/shop/helmfile.yaml.gotmpl");
        assertThat(helmfile).contains("chartroom.io/team: \"pay\\nments: x\\n    namespace: kube-system\"")
                .contains("url: \"https://charts.example.com/a b?c=#d\"");
        assertThat(helmfile.lines().filter(l -> l.startsWith("    namespace:"))).as("no key was added").containsExactly("    namespace: payments");
        assertThat(RepositoryLayout.readRelease("shop", p -> Optional.ofNullable(files.get(p)))).isEqualTo(sneaky);

        ReleaseDescription template = new ReleaseDescription("shop", "payments", "{{ exec \"id\" (list) }}", SHOP.chart(),
                List.of("dev"), "", Map.of());
        assertThatThrownBy(() -> RepositoryLayout.releaseFiles(template)).isInstanceOf(io.chartroom.base.error.InvalidInputException.class)
                .hasMessage("team: must not contain {{ or }} (helmfile would run it as a template): {{ exec \"id\" (list) }}");
        ReleaseDescription badChart = new ReleaseDescription("shop", "payments", "payments",
                new ChartReference("chartroom-samples", "https://x", false, "web\nnamespace: kube-system", "1.2.0"), List.of("dev"), "", Map.of());
        assertThat(RepositoryLayout.releaseFiles(badChart).get("releases/shop/helmfile.yaml.gotmpl"))
                .contains("chart: \"chartroom-samples/web\\nnamespace: kube-system\"");
        ReleaseDescription badEnvironment = new ReleaseDescription("shop", "payments", "payments", SHOP.chart(),
                List.of("dev\") (exec"), "", Map.of());
        assertThatThrownBy(() -> RepositoryLayout.releaseFiles(badEnvironment)).hasMessageStartingWith("environments: 'dev\") (exec' is not");
    }
}
