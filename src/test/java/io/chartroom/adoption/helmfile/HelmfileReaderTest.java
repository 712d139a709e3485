package io.chartroom.adoption.helmfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, item 2: helmfile repositories of src/test/resources/helmfile read as helmfile reads them, templates run by
 * Helm's own engine (helm-java in process here; the render workers in the portal), every problem by file and line.
 */
class HelmfileReaderTest {

    @TempDir Path work;

    @Test
    void aTeamRepositoryWithBasesAnchorsMergeKeysAndRangeReadsPerEnvironment() {
        HelmfileRead read = read("team-basic");
        assertThat(read.problems()).isEmpty();
        assertThat(read.environments()).extracting(HelmfileRead.Environment::name).containsExactly("production", "staging");
        assertThat(read.environments().getFirst().kubeContext()).isEqualTo("prod-eu-west-1");
        assertThat(read.environments().getFirst().values()).isEmpty(); // the root's own environment values: bases are per helmfile
        assertThat(names(read)).containsExactly("production api-production shop", "production traefik-eu-1 ingress",
                "production traefik-eu-2 ingress", "staging api-staging shop", "staging traefik-eu-1 ingress", "staging traefik-eu-2 ingress");
        HelmfileRead.Release api = release(read, "production", "api-production");
        // <<: *default gave it the namespace; its own values: replace the template's, as YAML merge keys do
        assertThat(api.values()).isEqualTo(Map.of("replicaCount", 3));
        assertThat(api.chart()).isEqualTo("bitnami/nginx");
        assertThat(api.version()).isEqualTo("15.1.0");
        assertThat(release(read, "staging", "api-staging").values()).isEqualTo(Map.of("replicaCount", 1));
        assertThat(read.repositories()).containsEntry("bitnami", "https://charts.bitnami.com/bitnami").containsKey("traefik");
    }

    @Test
    void environmentsBeforeReleasesValuesFileNamesInTwoPassesGotmplValuesSetConditionsAndNeeds() {
        HelmfileRead read = read("two-pass");
        assertThat(read.problems()).extracting(HelmfileProblem::toString)
                .containsExactly("helmfile.yaml.gotmpl:12: values file envs/staging.yaml does not exist (missingFileHandler: Warn)",
                        "helmfile.yaml.gotmpl:36: values file values/redis-staging.yaml does not exist (missingFileHandler: Warn)");
        HelmfileRead.Release redis = release(read, "production", "redis");
        assertThat(redis.namespace()).isEqualTo("shop");
        assertThat(redis.version()).isEqualTo("18.1.0");
        assertThat(redis.labels()).isEqualTo(Map.of("tier", "data"));
        // values/{{`{{ .Release.Name }}`}}-... found the file by the release's name, inline values after it, then set
        assertThat(redis.values()).isEqualTo(Map.of("replica", Map.of("replicaCount", 3), "architecture", "standalone", "auth", Map.of("enabled", false)));
        assertThat(release(read, "staging", "redis").values()).doesNotContainKey("replica");
        // a .gotmpl values file is templated: production's metrics are on, staging's off (condition:)
        assertThat(release(read, "production", "metrics").installed()).isTrue();
        assertThat(release(read, "staging", "metrics").installed()).isFalse();
        assertThat(release(read, "production", "metrics").needs()).containsExactly("shop/redis");
        assertThat(read.environments().getFirst().values()).containsEntry("replicas", 3).containsEntry("region", "eu-west-1");
        // a sub-helmfile gets only the values its entry gives it
        assertThat(release(read, "production", "shop-web").installed()).isTrue();
        assertThat(release(read, "staging", "shop-web").installed()).isFalse();
        assertThat(release(read, "staging", "shop-web").values()).isEqualTo(Map.of("region", "eu-central-1"));
        assertThat(read.repositories()).containsKeys("bitnami", "ghcr");
    }

    @Test
    void hostileRepositoriesAreReadNoFurtherThanTheyMayAndEachRefusalSaysWhere() {
        HelmfileRead read = read("hostile");
        assertThat(read.readable()).isFalse();
        assertThat(read.problems()).extracting(HelmfileProblem::toString).contains(
                "releases/a/helmfile.yaml: a cycle: helmfile.yaml -> releases/a/helmfile.yaml -> releases/a/helmfile.yaml",
                "releases/a/helmfile.yaml:7: release leaky: 'secrets' cannot be represented in Chartroom",
                "releases/a/helmfile.yaml:13: values file ../../../../etc/passwd leaves the repository",
                "releases/a/helmfile.yaml:14: values file releases/a/missing.yaml does not exist",
                "releases/b/helmfile.yaml:6: exec is refused: Chartroom runs no program that a repository names",
                "helmfile.yaml:4: helmfiles: releases/nothing-*/helmfile.yaml matches no file in the repository");
        assertThat(read.releases()).extracting(HelmfileRead.Release::name).containsOnly("leaky").doesNotContain("runner");
    }

    @Test
    void oneFileWithInlineEnvironmentsReadFileInsideTheRepositoryAndReleaseNamesInGotmplValues() {
        HelmfileRead read = read("single-file");
        assertThat(read.problems()).isEmpty();
        assertThat(read.environments()).extracting(HelmfileRead.Environment::name).containsExactly("default", "production");
        HelmfileRead.Release frontend = release(read, "production", "frontend");
        assertThat(frontend.values()).isEqualTo(Map.of("podAnnotations", Map.of("release", "frontend-web", "env", "production", "app", "frontend"),
                "ingress", Map.of("enabled", true, "host", "shop.example.com"), "replicaCount", 4));
        assertThat(release(read, "default", "frontend").values().get("replicaCount")).isEqualTo(1);
        assertThat(release(read, "production", "banners").values()).as("read from values/banner.yaml").isEqualTo(Map.of("queue", "shop-banners"));
    }

    @Test
    void readFileReadsOnlyNamedFilesInsideTheRepository() {
        Map<String, String> files = Map.of(
                "helmfile.yaml", "helmfiles:\n  - path: apps/*.yaml\n",
                "apps/out.yaml", "releases:\n  - name: out\n    chart: r/x\n    values:\n      - a: {{ readFile \"../../etc/passwd\" | quote }}\n",
                "apps/computed.yaml", "releases:\n  - name: computed\n    chart: r/x\n    values:\n      - a: {{ readFile (printf \"%s\" \"x\") }}\n",
                "apps/missing.yaml", "releases:\n  - name: missing\n    chart: r/x\n    values:\n      - a: {{ readFile \"nope.yaml\" }}\n");
        HelmfileRead read = new HelmfileReader(new RepositoryFiles(files), templates()).read();
        assertThat(read.problems()).extracting(HelmfileProblem::toString).containsExactlyInAnyOrder(
                "apps/out.yaml:5: readFile ../../etc/passwd leaves the repository",
                "apps/computed.yaml:5: readFile with a computed path is not supported: name the file as a quoted string",
                "apps/missing.yaml:5: readFile: apps/nope.yaml does not exist in the repository");
        assertThat(read.releases()).isEmpty();
    }

    @Test
    void envReadsOnlyTheNamesAnAdminAllows() {
        Map<String, String> files = Map.of(
                "helmfile.yaml", "helmfiles:\n  - path: apps/*.yaml\n",
                "apps/region.yaml", "releases:\n  - name: region\n    chart: r/x\n    values:\n      - region: {{ env \"REGION\" | quote }}\n"
                        + "        tier: {{ env \"TIER\" | default \"standard\" }}\n        note: {{ requiredEnv \"NOTE\" | quote }}\n",
                "apps/secret.yaml", "releases:\n  - name: secret\n    chart: r/x\n    values:\n      - key: {{ env \"AWS_SECRET_ACCESS_KEY\" }}\n",
                "apps/required.yaml", "releases:\n  - name: required\n    chart: r/x\n    values:\n      - a: {{ requiredEnv \"TIER\" }}\n",
                "apps/computed.yaml", "releases:\n  - name: computed\n    chart: r/x\n    values:\n      - a: {{ env (printf \"RE%s\" \"GION\") }}\n",
                "apps/plain.yaml", "releases:\n  - name: plain\n    chart: r/x\n    values:\n      - run: '/usr/bin/env \"HOME\"'\n        b: {{ \"x\" }}\n",
                "apps/built.yaml", "releases:\n  - name: built\n    chart: r/x\n    values:\n      - a: {{ tpl (printf \"{{ env %s }}\" \"X\") . }}\n");
        HelmfileRead read = new HelmfileReader(new RepositoryFiles(files), HelmfileCorpus.templates(work, java.util.Set.of("REGION", "TIER", "NOTE"),
                Map.of("REGION", "eu-west-1", "NOTE", "say \"hi\"\n{{ .Values }}"))).read();
        assertThat(read.problems()).extracting(HelmfileProblem::toString).containsExactlyInAnyOrder(
                "apps/secret.yaml:5: env AWS_SECRET_ACCESS_KEY is not read: only the names an ADMIN allows (Settings, helmfile environment variables) are",
                "apps/required.yaml:5: requiredEnv TIER: not set in the portal's environment",
                "apps/computed.yaml:5: env is not read: the portal's environment is not the repository's to see",
                "apps/built.yaml:5: tpl is refused: a template built while it runs could do what a repository's templates may not");
        assertThat(release(read, "default", "plain").values()).as("outside {{ }} nothing is a call").containsEntry("run", "/usr/bin/env \"HOME\"");
        assertThat(release(read, "default", "region").values()).as("a value is text, never template")
                .isEqualTo(Map.of("region", "eu-west-1", "tier", "standard", "note", "say \"hi\"\n{{ .Values }}"));
    }

    @Test
    void aValuesFileOverTheLimitIsNamedNotRead() {
        Map<String, String> files = Map.of("helmfile.yaml", "releases:\n  - name: big\n    chart: repo/big\n    values:\n      - huge.yaml\n");
        HelmfileRead read = new HelmfileReader(new RepositoryFiles(files, List.of("huge.yaml")), templates()).read();
        assertThat(read.problems()).extracting(HelmfileProblem::toString).containsExactly("helmfile.yaml:5: values file huge.yaml is over 1024 KB: not read");
        assertThat(read.environments()).extracting(HelmfileRead.Environment::name).containsExactly("default");
    }

    @Test
    void templatesDoNotReachTheNetworkAndAliasesDoNotMultiplyWithoutEnd() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i <= 30; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        Map<String, String> files = Map.of("helmfile.yaml", "releases:\n  - name: probe\n    chart: repo/x\n    values:\n"
                + "      - host: {{ getHostByName \"db.internal\" }}\n", "bomb/helmfile.yaml", bomb.toString());
        assertThat(new HelmfileReader(new RepositoryFiles(files), templates()).read().problems()).extracting(HelmfileProblem::toString)
                .containsExactly("helmfile.yaml:5: getHostByName is refused: a repository's templates do not reach the network");
        HelmfileRead bombed = new HelmfileReader(new RepositoryFiles(Map.of("helmfile.yaml", bomb.toString())), templates()).read();
        assertThat(bombed.problems()).hasSize(1);
        assertThat(bombed.problems().getFirst().toString()).startsWith("helmfile.yaml:").contains("not YAML after templating").contains("aliases");
    }

    @Test
    void aRepositoryWithoutAHelmfileSaysSo() {
        HelmfileRead read = new HelmfileReader(new RepositoryFiles(Map.of("README.md", "# hello")), templates()).read();
        assertThat(read.problems()).extracting(HelmfileProblem::toString)
                .containsExactly("helmfile.yaml: no helmfile.yaml (or helmfile.yaml.gotmpl) at the root of the repository");
    }

    private HelmfileRead read(String corpus) {
        return HelmfileCorpus.read(corpus, work);
    }

    private ChartWrappedTemplates templates() {
        return HelmfileCorpus.templates(work);
    }

    private static List<String> names(HelmfileRead read) {
        return read.releases().stream().map(r -> r.environment() + " " + r.name() + " " + r.namespace()).sorted().toList();
    }

    private static HelmfileRead.Release release(HelmfileRead read, String environment, String name) {
        return read.releases().stream().filter(r -> r.environment().equals(environment) && r.name().equals(name)).findFirst().orElseThrow();
    }
}
