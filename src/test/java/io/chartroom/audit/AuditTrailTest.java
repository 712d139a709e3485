package io.chartroom.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.Environments;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.AsUser;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.ChartRepositoryServer;
import io.chartroom.settings.domain.Setting;
import io.chartroom.settings.service.RuntimeSettings;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.fixtures.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7: each audited action is recorded exactly once with the right actor and target (one test per group of
 * actions), failures are audited as failed, the chain verification finds rows changed or removed in the
 * database, search and export work, and only ADMINs reach the audit log.
 */
@IntegrationTest
class AuditTrailTest {

    static final Auth ADMIN = Auth.user("admin");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired RuntimeSettings settings;
    @Autowired ObjectProvider<SecurityContextHolderStrategy> security;
    AsUser as;

    @org.junit.jupiter.api.BeforeEach
    void setUp() {
        as = new AsUser(security);
    }

    ApiClient api() {
        return new ApiClient(port);
    }

    long mark() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
    }

    /** The rows of an action since a mark, as "actor outcome target". */
    List<String> since(long mark, String action) {
        return jdbc.sql("select actor || ' ' || outcome || ' ' || coalesce(target, '-') from audit_event where id > ? and action = ? order by id")
                .params(mark, action).query(String.class).list();
    }

    @Test
    void tokensAndSettings() {
        ApiClient api = api();
        long mark = mark();
        JsonNode token = api.post("/api/v1/tokens", Auth.user("developer"), Map.of("name", "audit-ci", "days", 7)).json();
        long id = token.get("metadata").get("id").asLong();
        assertThat(api.delete("/api/v1/tokens/" + id, Auth.user("developer")).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/tokens", Auth.user("developer"), Map.of("name", "", "days", 7)).status()).isEqualTo(400);

        assertThat(since(mark, "token.created")).containsExactly("developer SUCCESS " + id, "developer FAILURE -");
        assertThat(since(mark, "token.revoked")).containsExactly("developer SUCCESS " + id);
        String secret = token.get("token").asString();
        assertThat(jdbc.sql("select count(*) from audit_event where details like ?").param("%" + secret.substring(4) + "%")
                .query(Integer.class).single()).as("the token itself is never audited").isZero();
    }

    @Test
    void repositoriesWithoutTheirCredentialsAndRunTimeSettings() throws Exception {
        ApiClient api = api();
        long mark = mark();
        try (ChartRepositoryServer server = new ChartRepositoryServer()) {
            server.requireBasic("bot", "repo-secret-xyz").index("entries: {}\n");
            Map<String, Object> repo = Map.of("name", "audit-repo", "url", server.url(), "authType", "BASIC",
                    "username", "bot", "secret", "repo-secret-xyz");
            assertThat(api.post("/api/v1/repositories", Auth.user("developer"), repo).status()).isEqualTo(403);
            ApiClient.Response registered = api.post("/api/v1/repositories", ADMIN, repo);
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            long id = registered.json().get("id").asLong();
            Poll.until(Duration.ofSeconds(30), () -> since(mark, "repository.synced"), rows -> !rows.isEmpty());
            assertThat(api.delete("/api/v1/repositories/" + id, ADMIN).status()).isEqualTo(204);
        }
        assertThat(since(mark, "repository.registered")).containsExactly("developer DENIED audit-repo", "admin SUCCESS audit-repo");
        assertThat(since(mark, "repository.synced")).as("the first sync, started by the registration").containsExactly("admin SUCCESS audit-repo");
        assertThat(since(mark, "repository.removed")).containsExactly("admin SUCCESS audit-repo");
        assertThat(jdbc.sql("select count(*) from audit_event where details like '%repo-secret-xyz%'").query(Integer.class).single())
                .as("credentials never reach the audit log").isZero();

        // a change freeze: the reconciler pauses, sync now is refused, both changes audited
        as.call("admin", () -> {
            settings.set(Setting.RECONCILE_PAUSED, "true");
            return null;
        });
        try {
            assertThat(api.post("/api/v1/releases/anything/sync", Auth.user("approver"), Map.of()).status()).isEqualTo(409);
        } finally {
            as.call("admin", () -> {
                settings.set(Setting.RECONCILE_PAUSED, "false");
                return null;
            });
        }
        assertThat(since(mark, "setting.changed")).containsExactly("admin SUCCESS reconcile.paused", "admin SUCCESS reconcile.paused");
        assertThat(since(mark, "reconcile.sync_requested")).containsExactly("approver FAILURE anything");
    }

    @Test
    void environmentsPoliciesAndDeniedAttempts() {
        ApiClient api = api();
        long mark = mark();
        Map<String, Object> env = Map.of("name", "audit-qa", "description", "QA", "clusterSelector", "env=audit-qa", "kubeVersion", "1.31");
        assertThat(api.post("/api/v1/environments", Auth.user("developer"), env).status()).isEqualTo(403);
        Environments.create(api, env);
        Environments.update(api, "audit-qa", Map.of("description", "QA 2"));
        Environments.apply(api, api.put("/api/v1/environments/audit-qa/approval-policy", ADMIN, Map.of("requiredApprovals", 2,
                "approverRole", "APPROVER", "requireAdmin", true)));
        Environments.remove(api, "audit-qa");

        // proposals are change requests (a denied one audited as such); what merged is audited per environment
        assertThat(since(mark, "change_request.opened")).filteredOn(r -> r.contains("audit-qa") || r.contains("DENIED"))
                .containsExactly("developer DENIED audit-qa");
        assertThat(since(mark, "environment.created")).containsExactly("admin SUCCESS audit-qa");
        assertThat(since(mark, "environment.changed")).containsExactly("admin SUCCESS audit-qa");
        assertThat(since(mark, "approval_policy.changed")).containsExactly("admin SUCCESS audit-qa");
        assertThat(since(mark, "environment.removed")).containsExactly("admin SUCCESS audit-qa");
        assertThat(jdbc.sql("select details from audit_event where id > ? and action = 'environment.changed'").param(mark)
                .query(String.class).single()).contains("description: QA -> QA 2");
    }

    @Test
    void clustersWithoutTheirCredentials() {
        ApiClient api = api();
        long mark = mark();
        String token = "audit-secret-token-0123456789";
        Map<String, Object> cluster = Map.of("name", "audit-remote", "kind", "TOKEN", "apiUrl", "https://127.0.0.1:1",
                "token", token, "labels", Map.of("env", "nowhere"));
        ApiClient.Response registered = api.post("/api/v1/clusters", ADMIN, cluster);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(api.post("/api/v1/clusters", ADMIN, Map.of("name", "Bad Name!", "kind", "TOKEN")).status()).isEqualTo(400);
        assertThat(api.put("/api/v1/clusters/audit-remote", ADMIN, Map.of("name", "audit-remote", "kind", "TOKEN",
                "apiUrl", "https://127.0.0.1:1", "labels", Map.of("env", "elsewhere"))).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/clusters/audit-remote", ADMIN).status()).isEqualTo(204);

        assertThat(since(mark, "cluster.registered")).containsExactly("admin SUCCESS audit-remote", "admin FAILURE Bad Name!");
        assertThat(since(mark, "cluster.changed")).containsExactly("admin SUCCESS audit-remote");
        assertThat(since(mark, "cluster.removed")).containsExactly("admin SUCCESS audit-remote");
        assertThat(jdbc.sql("select count(*) from audit_event where details like '%audit-secret-token%'").query(Integer.class).single())
                .as("credentials never reach the audit log").isZero();
    }

    @Test
    void changeRequestsFromProposalToRevertAndTheReconcilerAfterIt() {
        ApiClient api = api();
        ChangeRequests changes = new ChangeRequests(api);
        changes.awaitSamples();
        long mark = mark();
        long id = changes.propose(Auth.user("developer"), ChangeRequests.release("audit-web", "", Map.of("dev", "")), null).get("id").asLong();
        String cr = String.valueOf(id);
        assertThat(api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of()).status())
                .as("no approval yet").isIn(403, 409);
        assertThat(api.post("/api/v1/change-requests/" + id + "/comments", Auth.user("approver"), Map.of("text", "looks fine")).status()).isEqualTo(201);
        changes.approve(id, "approver");
        ApiClient.Response merged = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        String revision = merged.json().get("mergeCommit").asString();

        assertThat(since(mark, "change_request.opened")).containsExactly("developer SUCCESS " + cr);
        assertThat(since(mark, "change_request.commented")).containsExactly("approver SUCCESS " + cr);
        assertThat(since(mark, "change_request.approved")).containsExactly("approver SUCCESS " + cr);
        assertThat(since(mark, "change_request.merged")).hasSize(2).last().isEqualTo("approver SUCCESS " + cr);
        assertThat(since(mark, "change_request.merged").getFirst()).matches("approver (DENIED|FAILURE) " + cr);

        // the reconciler applies it once on the one dev cluster, and says so once
        String unit = "audit-web/dev@sim-dev";
        // (other tests' releases may still be settling on the shared clusters: only this unit's rows count)
        Poll.until(Duration.ofSeconds(60), () -> since(mark, "reconcile.applied"), rows -> rows.contains("system SUCCESS " + unit));
        assertThat(since(mark, "reconcile.started")).filteredOn(r -> r.endsWith(unit)).containsExactly("system SUCCESS " + unit);
        assertThat(since(mark, "reconcile.applied")).filteredOn(r -> r.endsWith(unit)).containsExactly("system SUCCESS " + unit);
        assertThat(jdbc.sql("select details from audit_event where id > ? and action = 'reconcile.applied'").param(mark)
                .query(String.class).single()).contains(revision);

        // revert: a new change request, audited on the reverted one
        ApiClient.Response revert = api.post("/api/v1/change-requests/" + id + "/revert", Auth.user("developer"), Map.of());
        assertThat(revert.status()).as(revert.body()).isIn(200, 201);
        long revertId = revert.json().get("id").asLong();
        assertThat(api.post("/api/v1/change-requests/" + revertId + "/close", Auth.user("developer"), Map.of()).status()).isEqualTo(200);
        assertThat(since(mark, "change_request.revert_opened")).containsExactly("developer SUCCESS " + cr);
        assertThat(since(mark, "change_request.closed")).containsExactly("developer SUCCESS " + revertId);

        // the release's timeline tells the story in order
        List<String> story = api.get("/api/v1/releases/audit-web/timeline", Auth.user("viewer")).json().findValuesAsString("action");
        assertThat(story).containsSubsequence("change_request.opened", "change_request.approved", "change_request.merged",
                "reconcile.started", "reconcile.applied");
        assertThat(api.get("/api/v1/releases/audit-web/timeline", Auth.user("viewer")).body()).doesNotContain("127.0.0.1");
    }

    @Test
    void searchAndExport() {
        ApiClient api = api();
        api.post("/api/v1/tokens", Auth.user("approver2"), Map.of("name", "findable-zebra-token", "days", 3));
        JsonNode found = api.get("/api/v1/audit?actor=approver2&action=token.created&q=zebra", ADMIN).json();
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.get(0).get("details").asString()).contains("findable-zebra-token");
        assertThat(api.get("/api/v1/audit?q=zebra&outcome=FAILURE", ADMIN).json().size()).isZero();
        assertThat(api.get("/api/v1/audit?from=yesterday", ADMIN).status()).isEqualTo(400);

        ApiClient.Response csv = api.get("/api/v1/audit/export?format=csv&q=zebra&actor=approver2", ADMIN);
        assertThat(csv.status()).isEqualTo(200);
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("id,occurredAt,actor,action,outcome");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains(",approver2,token.created,SUCCESS,");
        ApiClient.Response jsonl = api.get("/api/v1/audit/export?format=jsonl&actor=approver2&action=token.", ADMIN);
        assertThat(jsonl.body().lines().map(l -> ApiClient.JSON.readTree(l).get("action").asString()).toList()).containsOnly("token.created");
        assertThat(api.get("/api/v1/audit?action=audit.exported&actor=admin", ADMIN).json().size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void onlyAdminsReachTheAuditLogAndTheAdminApi() {
        ApiClient api = api();
        for (String user : List.of("viewer", "developer", "approver")) {
            Auth auth = Auth.user(user);
            assertThat(api.get("/api/v1/audit", auth).status()).as(user).isEqualTo(403);
            assertThat(api.get("/api/v1/audit/export?format=csv", auth).status()).as(user).isEqualTo(403);
            assertThat(api.post("/api/v1/audit/verify", auth, Map.of()).status()).as(user).isEqualTo(403);
            assertThat(api.get("/api/v1/users", auth).status()).as(user).isEqualTo(403);
        }
        assertThat(api.get("/api/v1/audit", Auth.none()).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/users", ADMIN).status()).isEqualTo(200);
    }

    @Test
    void verificationFindsARowChangedOrRemovedInTheDatabase() {
        ApiClient api = api();
        api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "chain-a", "days", 1));
        api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "chain-b", "days", 1));
        JsonNode intact = api.post("/api/v1/audit/verify", ADMIN, Map.of()).json();
        assertThat(intact.get("intact").asBoolean()).as(intact.toString()).isTrue();
        long victim = jdbc.sql("select max(id) from audit_event where action = 'token.created' and details like '%chain-a%'").query(Long.class).single();

        // an edit behind the database's append-only triggers (the table's owner can disable them)
        String actor = tamper("update audit_event set actor = 'mallory' where id = " + victim, victim);
        JsonNode changed = api.post("/api/v1/audit/verify", ADMIN, Map.of()).json();
        assertThat(changed.get("intact").asBoolean()).isFalse();
        assertThat(changed.get("firstBrokenId").asLong()).isEqualTo(victim);
        assertThat(changed.get("problem").asString()).contains("changed");
        tamper("update audit_event set actor = '" + actor + "' where id = " + victim, victim);
        assertThat(api.post("/api/v1/audit/verify", ADMIN, Map.of()).json().get("intact").asBoolean()).isTrue();

        // a row removed
        Map<String, Object> row = jdbc.sql("select * from audit_event where id = ?").param(victim).query().singleRow();
        long next = jdbc.sql("select min(id) from audit_event where id > ?").param(victim).query(Long.class).single();
        tamper("delete from audit_event where id = " + victim, victim);
        JsonNode removed = api.post("/api/v1/audit/verify", ADMIN, Map.of()).json();
        assertThat(removed.get("intact").asBoolean()).isFalse();
        assertThat(removed.get("firstBrokenId").asLong()).isEqualTo(next);
        assertThat(removed.get("problem").asString()).contains("removed");
        restore(row);
        assertThat(api.post("/api/v1/audit/verify", ADMIN, Map.of()).json().get("intact").asBoolean()).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'audit.verified' and outcome = 'FAILURE'")
                .query(Integer.class).single()).as("a failed verification is itself audited").isGreaterThanOrEqualTo(2);
    }

    /** Runs SQL with the append-only triggers off, in one transaction; returns the row's actor before. */
    private String tamper(String sql, long id) {
        return transactions.execute(status -> {
            String before = jdbc.sql("select actor from audit_event where id = ?").param(id).query(String.class).optional().orElse(null);
            jdbc.sql("alter table audit_event disable trigger user").update();
            jdbc.sql(sql).update();
            jdbc.sql("alter table audit_event enable trigger user").update();
            return before;
        });
    }

    private void restore(Map<String, Object> row) {
        transactions.executeWithoutResult(status -> jdbc.sql("""
                insert into audit_event (id, occurred_at, actor, action, outcome, target_type, target, release_name, environment,
                    cluster, change_request_id, details, source_address, prev_hash, hash, chain_version)
                values (:id, :occurred_at, :actor, :action, :outcome, :target_type, :target, :release_name, :environment,
                    :cluster, :change_request_id, :details, :source_address, :prev_hash, :hash, :chain_version)
                """).params(withoutGenerated(row)).update());
    }

    private static Map<String, Object> withoutGenerated(Map<String, Object> row) {
        Map<String, Object> values = new java.util.HashMap<>(row); // nulls included
        values.remove("search");
        return values;
    }
}
