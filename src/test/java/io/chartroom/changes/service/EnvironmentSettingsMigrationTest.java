package io.chartroom.changes.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.gitops.domain.CommitAuthor;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.security.service.SystemActor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A portal that kept environment settings in its database: main's environments.yaml (as an older Chartroom wrote
 * it) leaves them open, and the tables still say them. They go on applying; at start Chartroom proposes one change
 * request writing them into the file, and once it merges the file says what applied before.
 */
@IntegrationTest
class EnvironmentSettingsMigrationTest {

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    @Autowired JdbcClient jdbc;
    @Autowired EnvironmentSettingsMigration migration;
    @Autowired SystemActor system;

    @Test
    void settingsTheDatabaseKeptApplyUntilAChangeRequestCarriesThemIntoTheFile() {
        ApiClient api = new ApiClient(port);
        new ChangeRequests(api).awaitSamples();
        // as an older Chartroom wrote it: no selfHeal, pruneCrds or approvals; the database said them
        String main = gitops.main();
        String file = gitops.read(main, RepositoryLayout.ENVIRONMENTS).orElseThrow() + """
                  legacyenv:
                    values:
                      - chartroom:
                          description: Kept by an older portal
                          clusterSelector: env=legacy
                          kubeVersion: v1.31.2
                """;
        jdbc.sql("""
                insert into environment (name, position, description, cluster_selector, kube_version, self_heal, prune_crds, created_at,
                    updated_at, updated_by) values ('legacyenv', 9, 'Kept by an older portal', 'env=legacy', 'v1.31.2', false, true, now(),
                    now(), 'admin')""").update();
        jdbc.sql("""
                insert into approval_policy (environment, required_approvals, approver_role, approver_team, require_admin, updated_at,
                    updated_by) values ('legacyenv', 2, 'ADMIN', null, false, now(), 'admin')""").update();
        // main moves only once the database holds the old settings: whatever reads the environments at that commit (the
        // reconciler's pass may, at once) sees them, as it would after an upgrade
        gitops.updateRef(GitOpsRepository.MAIN, main, gitops.commit(main, Map.of(RepositoryLayout.ENVIRONMENTS, file),
                CommitAuthor.user("admin"), "An environment as an older Chartroom wrote it"));
        try {
            JsonNode legacy = api.get("/api/v1/environments/legacyenv", Auth.user("viewer")).json();
            assertThat(legacy.get("selfHeal").asBoolean()).as("the database's value applies").isFalse();
            assertThat(legacy.get("pruneCrds").asBoolean()).isTrue();
            JsonNode policy = api.get("/api/v1/environments/legacyenv/approval-policy", Auth.user("viewer")).json();
            assertThat(policy.get("summary").asString()).isEqualTo("2 approvals from an ADMIN");
            assertThat(policy.get("source").asString()).isEqualTo("DATABASE");

            long id = system.call(migration::proposeIfNeeded);
            assertThat(id).isPositive();
            assertThat(system.call(migration::proposeIfNeeded)).as("proposed once").isEqualTo(-1);
            JsonNode proposed = api.get("/api/v1/change-requests/" + id, Auth.user("viewer")).json();
            assertThat(proposed.get("changeRequest").get("title").asString()).isEqualTo(EnvironmentSettingsMigration.TITLE);
            assertThat(proposed.get("changeRequest").get("author").asString()).isEqualTo("system");
            Environments.merge(api, id);

            String merged = gitops.read(gitops.main(), RepositoryLayout.ENVIRONMENTS).orElseThrow();
            assertThat(merged.substring(merged.indexOf("legacyenv:"))).contains("selfHeal: false", "pruneCrds: true", "required: 2",
                    "role: ADMIN");
            assertThat(api.get("/api/v1/environments/legacyenv/approval-policy", Auth.user("viewer")).json().get("source").asString())
                    .isEqualTo("FILE");
            assertThat(api.get("/api/v1/environments/legacyenv", Auth.user("viewer")).json().get("selfHeal").asBoolean()).isFalse();
            assertThat(system.call(migration::proposeIfNeeded)).as("nothing left open").isEqualTo(-1);
        } finally {
            Environments.remove(api, "legacyenv");
            jdbc.sql("delete from environment where name = 'legacyenv'").update();
            jdbc.sql("delete from approval_policy where environment = 'legacyenv'").update();
        }
    }
}
