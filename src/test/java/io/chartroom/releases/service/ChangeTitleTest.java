package io.chartroom.releases.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.gitops.domain.ChartReference;
import io.chartroom.gitops.domain.ReleaseDescription;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeTitleTest {

    static final ChartReference WEB = new ChartReference("samples", "http://x/", false, "web-service", "1.2.0");
    static final ReleaseDescription API = new ReleaseDescription("payments-api", "shop", "payments", WEB, List.of("dev", "production"),
            "image:\n  tag: v1\n", Map.of("production", "replicaCount: 5\n"));

    @Test
    void oneChangeIsSpelledOut() {
        assertThat(ChangeTitle.of(API, new ReleaseDescription("payments-api", "shop", "payments", WEB, List.of("dev", "production"),
                "image:\n  tag: v1\n", Map.of("production", "replicaCount: 7\n"))))
                .isEqualTo("payments-api: production replicaCount 5 -> 7");
        assertThat(ChangeTitle.of(API, API.withChartVersions(Map.of("dev", "1.3.0")))).isEqualTo("payments-api: dev web-service 1.2.0 -> 1.3.0");
    }

    @Test
    void aSecretsValueNeverReachesTheTitle() {
        String title = ChangeTitle.of(API, new ReleaseDescription("payments-api", "shop", "payments", WEB, List.of("dev", "production"),
                "image:\n  tag: v1\n", Map.of("production", "replicaCount: 5\ndatabase:\n  password: hunter2\n")));
        assertThat(title).isEqualTo("payments-api: production database.password changed").doesNotContain("hunter2");
    }

    @Test
    void twoAreListedMoreAreCounted() {
        ReleaseDescription two = new ReleaseDescription("payments-api", "shop", "payments", WEB, List.of("dev", "production"),
                "image:\n  tag: v2\n", Map.of("production", "replicaCount: 5\nlabel: a very long value that goes on and on\n"));
        assertThat(ChangeTitle.of(API, two)).isEqualTo("payments-api: base image.tag v1 -> v2; production label (unset) -> a very long value that …");
        ReleaseDescription many = new ReleaseDescription("payments-api", "shop", "payments", WEB, List.of("dev"),
                "image:\n  tag: v2\n  pullPolicy: Always\n", Map.of());
        assertThat(ChangeTitle.of(API, many)).isEqualTo("payments-api: 3 changes in production, base");
    }

    @Test
    void aNewReleaseAndNothingVisible() {
        assertThat(ChangeTitle.of(null, API)).isEqualTo("Create payments-api (web-service 1.2.0)");
        assertThat(ChangeTitle.of(API, new ReleaseDescription("payments-api", "shop", "payments", WEB, List.of("dev", "production"),
                "# a comment only\nimage:\n  tag: v1\n", Map.of("production", "replicaCount: 5\n")))).isEqualTo("Update payments-api");
    }
}
