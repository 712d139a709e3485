package io.chartroom.adoption.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an in-place edit's diff shows of a team's values file: never what a secret holds. */
class HelmfileValueEditsTest {

    @Test
    void aSecretsLinesAndTheBlockUnderItShowHidden() {
        String diff = """
                --- a/values.yaml
                +++ b/values.yaml
                @@ -3,6 +0,0 @@
                -db:
                -  host: db.internal
                -  password: hunter2
                -  apiToken: |
                -    abc
                -    def
                -  - privateKey: "xyz"
                -  port: 5432
                """;
        assertThat(HelmfileValueEdits.hidden(diff)).isEqualTo("""
                --- a/values.yaml
                +++ b/values.yaml
                @@ -3,6 +0,0 @@
                -db:
                -  host: db.internal
                -  password: <hidden>
                -  apiToken: <hidden>
                -    <hidden>
                -    <hidden>
                -  - privateKey: <hidden>
                -  port: 5432
                """).doesNotContain("hunter2", "abc", "xyz");
        assertThat(HelmfileValueEdits.hidden("-replicaCount: 3\n+replicaCount: 5\n")).isEqualTo("-replicaCount: 3\n+replicaCount: 5\n");
    }
}
