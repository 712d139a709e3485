package io.chartroom.adoption.helmfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 20, item 3: what the corpus's helmfile releases become in Chartroom, per environment layer. */
class ReleaseMappingTest {

    @org.junit.jupiter.api.io.TempDir java.nio.file.Path work;

    private HelmfileRead readCorpus(String corpus) {
        return HelmfileCorpus.read(corpus, work);
    }


    @Test
    void aReleaseNamedPerEnvironmentStaysOnePerEnvironmentSoThatItsObjectsKeepTheirNames() {
        ReleaseMapping.Mapped mapped = ReleaseMapping.map(readCorpus("team-basic"));
        assertThat(mapped.releases()).extracting(ReleaseMapping.Proposed::name)
                .containsExactly("api-production", "api-staging", "traefik-eu-1", "traefik-eu-2");
        assertThat(mapped.problems()).extracting(HelmfileProblem::toString).containsExactly("releases/api/helmfile.yaml: releases api-production, "
                + "api-staging are named per environment: each stays a release of its own environment, as one name for all would replace every "
                + "object they made");
        ReleaseMapping.Proposed api = mapped.releases().getFirst();
        assertThat(api.sources()).isEqualTo(Map.of("production", "api-production"));
        assertThat(api.repository()).isEqualTo("bitnami");
        assertThat(api.repositoryUrl()).isEqualTo("https://charts.bitnami.com/bitnami");
        assertThat(api.chart()).isEqualTo("nginx");
        assertThat(api.versions()).isEqualTo(Map.of("production", "15.1.0"));
        assertThat(api.values()).isEqualTo(Map.of("replicaCount", 3));
        ReleaseMapping.Proposed eu1 = mapped.releases().get(2);
        assertThat(eu1.environments()).as("one name in both environments: one release").containsExactly("production", "staging");
    }

    @Test
    void sharedValuesOciChartsConditionsAndChartsInsideTheRepository() {
        ReleaseMapping.Mapped mapped = ReleaseMapping.map(readCorpus("two-pass"));
        assertThat(mapped.releases()).extracting(ReleaseMapping.Proposed::name).containsExactly("metrics", "redis");
        ReleaseMapping.Proposed redis = mapped.releases().get(1);
        assertThat(redis.values()).isEqualTo(Map.of("architecture", "standalone", "auth", Map.of("enabled", false)));
        assertThat(redis.environmentValues().get("production")).isEqualTo(Map.of("replica", Map.of("replicaCount", 3)));
        assertThat(redis.environmentValues().get("staging")).isEmpty();
        ReleaseMapping.Proposed metrics = mapped.releases().getFirst();
        assertThat(metrics.environments()).as("condition: off in staging").containsExactly("production");
        assertThat(metrics.repositoryUrl()).isEqualTo("oci://ghcr.io/acme/charts");
        assertThat(metrics.chart()).isEqualTo("metrics");
        assertThat(mapped.problems()).extracting(HelmfileProblem::toString)
                .containsExactly("releases/shop/helmfile.yaml: release shop-web: the chart ../../charts/web is a directory of the repository; "
                        + "Chartroom takes charts from chart repositories (publish it to one)");
    }

    @Test
    void whatANameSaysWithoutTheEnvironmentsName() {
        assertThat(ReleaseMapping.withoutEnvironment("api-production", "production")).isEqualTo("api");
        assertThat(ReleaseMapping.withoutEnvironment("production-db-eu", "production")).isEqualTo("db-eu");
        assertThat(ReleaseMapping.withoutEnvironment("web", "production")).isEqualTo("web");
        assertThat(ReleaseMapping.withoutEnvironment("production", "production")).isEqualTo("production");
    }
}
