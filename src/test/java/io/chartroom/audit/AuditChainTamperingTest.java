package io.chartroom.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.chartroom.base.settings.DataDirectory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What a database writer can do to the audit log and what Verify chain then says: a row rewritten with a
 * freshly computed plain SHA-256 chain (the old scheme) is caught, because rows are keyed with a key outside the
 * database; deleting the newest rows is caught by the checkpoint kept outside the table, also after new rows
 * were appended. The key and checkpoint live in the data directory, owner-only.
 */
@IntegrationTest
class AuditChainTamperingTest {

    static final Auth ADMIN = Auth.user("admin");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired DataDirectory data;

    @Test
    void appendsFromManyRequestsAtOnceMakeOneUnbrokenChain() throws Exception {
        ApiClient api = new ApiClient(port);
        long before = jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                answers.add(pool.submit(() -> api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "at-once-" + n, "days", 1)).status()));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(201);
            }
        }
        assertThat(jdbc.sql("select count(*) from audit_event where id > ? and details like '%at-once-%'").param(before).query(Integer.class).single())
                .isEqualTo(64);
        JsonNode result = api.post("/api/v1/audit/verify", ADMIN, Map.of()).json();
        assertThat(result.get("intact").asBoolean()).as(result.toString()).isTrue();
    }

    @Test
    void aRowRecomputedWithoutTheKeyIsCaught() {
        ApiClient api = new ApiClient(port);
        api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "keyed-a", "days", 1));
        api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "keyed-b", "days", 1));
        long victim = jdbc.sql("select max(id) from audit_event where details like '%keyed-a%'").query(Long.class).single();
        assertThat(jdbc.sql("select chain_version from audit_event where id = ?").param(victim).query(Integer.class).single())
                .as("new rows are keyed").isEqualTo(2);

        // the attacker edits the row and recomputes its hash as the unkeyed chain did, version 1
        Map<String, Object> row = jdbc.sql("select * from audit_event where id = ?").param(victim).query().singleRow();
        byte[] forged = sha256((byte[]) row.get("prev_hash"), victim, (java.sql.Timestamp) row.get("occurred_at"), "mallory", row);
        tamper("update audit_event set actor = 'mallory', hash = ?, chain_version = 1 where id = ?", forged, victim);
        JsonNode result = api.post("/api/v1/audit/verify", ADMIN, Map.of()).json();
        assertThat(result.get("intact").asBoolean()).isFalse();
        assertThat(result.get("firstBrokenId").asLong()).isEqualTo(victim);
        assertThat(result.get("problem").asString()).contains("unkeyed hash").contains("written outside Chartroom");

        // the same forgery claiming to be keyed does not match the keyed hash either
        tamper("update audit_event set chain_version = 2 where id = ?", null, victim);
        result = api.post("/api/v1/audit/verify", ADMIN, Map.of()).json();
        assertThat(result.get("problem").asString()).isEqualTo("row " + victim + " was changed after it was written: its content does not match its hash");
        tamper("update audit_event set actor = ?, hash = ? where id = ?", new Object[] {row.get("actor"), row.get("hash")}, victim);
        assertThat(api.post("/api/v1/audit/verify", ADMIN, Map.of()).json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void deletingTheNewestRowsIsCaughtByTheCheckpointEvenAfterNewRows() throws Exception {
        ApiClient api = new ApiClient(port);
        api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "newest", "days", 1));
        long newest = jdbc.sql("select max(id) from audit_event").query(Long.class).single();
        Map<String, Object> deleted = jdbc.sql("select * from audit_event where id = ?").param(newest).query().singleRow();
        tamper("delete from audit_event where id >= ?", null, newest);

        JsonNode result = api.post("/api/v1/audit/verify", ADMIN, Map.of()).json();
        assertThat(result.get("intact").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.get("problem").asString()).startsWith("the newest rows were removed: the checkpoint of ")
                .contains("saw row " + newest);

        // the verification's own audit row links to the deleted head, so the break stays visible
        JsonNode again = api.post("/api/v1/audit/verify", ADMIN, Map.of()).json();
        assertThat(again.get("intact").asBoolean()).as(again.toString()).isFalse();
        assertThat(again.get("problem").asString()).contains("does not follow the row before it");

        // put back, the chain is whole again: the rows appended meanwhile link to it
        putBack(deleted);
        assertThat(api.post("/api/v1/audit/verify", ADMIN, Map.of()).json().get("intact").asBoolean()).isTrue();

        Path dataDir = data.root();
        Path key = dataDir.resolve("audit.key");
        Path checkpoint = dataDir.resolve("audit.checkpoint");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(Files.readString(checkpoint)).contains("id=", "legacyUntil=", "signature=");
        assertThat(Files.readString(checkpoint)).doesNotContain(Files.readString(key).strip());
    }

    /**
     * An id an action took with it when it rolled back is counted, not failed: the rows around it still link. A row
     * removed from the middle leaves the same gap, but the row after it no longer follows its predecessor.
     */
    @Test
    void unusedIdsAreCountedAndARemovedRowBreaksTheLinkAfterIt() {
        ApiClient api = new ApiClient(port);
        api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "before-gap", "days", 1));
        long missingBefore = api.post("/api/v1/audit/verify", ADMIN, Map.of()).json().get("missingIds").asLong();
        jdbc.sql("select nextval('audit_event_id_seq')").query(Long.class).single(); // as a rolled-back action takes its id
        api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "after-gap", "days", 1));
        JsonNode gap = api.post("/api/v1/audit/verify", ADMIN, Map.of()).json();
        assertThat(gap.get("intact").asBoolean()).as(gap.toString()).isTrue();
        assertThat(gap.get("missingIds").asLong()).isEqualTo(missingBefore + 1);

        api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "removed-from-the-middle", "days", 1));
        api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "after-the-removed", "days", 1));
        long victim = jdbc.sql("select max(id) from audit_event where details like '%removed-from-the-middle%'").query(Long.class).single();
        long next = jdbc.sql("select min(id) from audit_event where id > ?").param(victim).query(Long.class).single();
        Map<String, Object> removed = jdbc.sql("select * from audit_event where id = ?").param(victim).query().singleRow();
        tamper("delete from audit_event where id = ?", null, victim);
        JsonNode broken = api.post("/api/v1/audit/verify", ADMIN, Map.of()).json();
        assertThat(broken.get("intact").asBoolean()).isFalse();
        assertThat(broken.get("kind").asString()).isEqualTo("LINK");
        assertThat(broken.get("firstBrokenId").asLong()).isEqualTo(next);
        assertThat(broken.get("problem").asString())
                .isEqualTo("row " + next + " does not follow the row before it: a row between them was removed or inserted");
        assertThat(broken.get("missingIds").asLong()).isEqualTo(missingBefore + 2);
        putBack(removed);
        assertThat(api.post("/api/v1/audit/verify", ADMIN, Map.of()).json().get("intact").asBoolean()).isTrue();
    }

    /** After a restore from a backup the newest rows are gone for good: an ADMIN accepts that, with a reason; never a changed row. */
    @Test
    void anAdminAcceptsARestoreButNeverAChangedRow() {
        ApiClient api = new ApiClient(port);
        api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "lost-in-restore", "days", 1));
        long newest = jdbc.sql("select max(id) from audit_event").query(Long.class).single();
        tamper("delete from audit_event where id >= ?", null, newest);
        assertThat(api.post("/api/v1/audit/verify", ADMIN, Map.of()).json().get("kind").asString()).isEqualTo("TRUNCATED");

        ApiClient.Response noReason = api.post("/api/v1/audit/reanchor", ADMIN, Map.of("reason", "  "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(api.post("/api/v1/audit/reanchor", Auth.user("approver"), Map.of("reason", "restore")).status()).isEqualTo(403);
        JsonNode after = api.post("/api/v1/audit/reanchor", ADMIN, Map.of("reason", "database restored from the nightly backup")).json();
        assertThat(after.get("intact").asBoolean()).as(after.toString()).isTrue();
        assertThat(api.post("/api/v1/audit/verify", ADMIN, Map.of()).json().get("intact").asBoolean()).isTrue();
        assertThat(jdbc.sql("select details from audit_event where action = 'audit.reanchored' order by id desc limit 1")
                .query(String.class).single()).contains("nightly backup").contains("does not follow the row before it");

        // a changed row is what tampering looks like: it is never accepted
        api.post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "changed-later", "days", 1));
        long victim = jdbc.sql("select max(id) from audit_event where details like '%changed-later%'").query(Long.class).single();
        String actor = jdbc.sql("select actor from audit_event where id = ?").param(victim).query(String.class).single();
        tamper("update audit_event set actor = 'mallory' where id = ?", null, victim);
        ApiClient.Response refused = api.post("/api/v1/audit/reanchor", ADMIN, Map.of("reason", "please"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).startsWith("this break cannot be accepted: row " + victim + " was changed");
        tamper("update audit_event set actor = ? where id = ?", actor, victim);
        assertThat(api.post("/api/v1/audit/verify", ADMIN, Map.of()).json().get("intact").asBoolean()).isTrue();
    }

    private void putBack(Map<String, Object> row) {
        Map<String, Object> values = new java.util.HashMap<>(row);
        values.remove("search");
        transactions.executeWithoutResult(status -> jdbc.sql("""
                insert into audit_event (id, occurred_at, actor, action, outcome, target_type, target, release_name, environment,
                    cluster, change_request_id, details, source_address, prev_hash, hash, chain_version)
                values (:id, :occurred_at, :actor, :action, :outcome, :target_type, :target, :release_name, :environment,
                    :cluster, :change_request_id, :details, :source_address, :prev_hash, :hash, :chain_version)
                """).params(values).update());
    }

    /** The unkeyed row hash of chain version 1, as an attacker with the source code computes it. */
    private static byte[] sha256(byte[] previous, long id, java.sql.Timestamp at, String actor, Map<String, Object> row) {
        Instant instant = at.toInstant();
        StringBuilder text = new StringBuilder()
                .append(previous == null ? "" : HexFormat.of().formatHex(previous)).append('\n').append(id).append('\n')
                .append(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000).append('\n');
        for (Object field : new Object[] {actor, row.get("action"), row.get("outcome"), row.get("target_type"), row.get("target"),
                row.get("release_name"), row.get("environment"), row.get("cluster"), row.get("change_request_id"), row.get("details"),
                row.get("source_address")}) {
            String value = Objects.toString(field, "\u0000");
            text.append(value.length()).append(':').append(value).append('\n');
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** SQL behind the append-only triggers (their table's owner, the portal's role, can disable them), in one transaction. */
    private void tamper(String sql, Object parameter, long id) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("alter table audit_event disable trigger user").update();
            var statement = jdbc.sql(sql);
            if (parameter instanceof Object[] many) {
                for (Object p : many) {
                    statement = statement.param(p);
                }
            } else if (parameter != null) {
                statement = statement.param(parameter);
            }
            statement.param(id).update();
            jdbc.sql("alter table audit_event enable trigger user").update();
        });
    }
}
