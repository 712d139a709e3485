package io.chartroom.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.audit.domain.AuditChain;
import io.chartroom.audit.domain.AuditEventQueries;
import io.chartroom.audit.domain.AuditEventRepository;
import io.chartroom.base.settings.DataDirectory;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.IntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The checkpoint as a restart reads it from the data directory, against the real audit table: a checkpoint that
 * is gone while the table has rows (deleted together with the newest rows), changed, or unreadable is reported
 * by verification as a CHECKPOINT break, and the doubt survives further restarts (a new checkpoint is written at
 * once) until an ADMIN re-anchors the chain. Each "restart" is the startup code on a data directory of its own.
 */
@IntegrationTest
class AuditCheckpointRestartTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired AuditChain chain;
    @Autowired AuditEventQueries queries;
    @Autowired AuditEventRepository rows;
    @Autowired DataDirectory data;
    @TempDir Path dir;

    @BeforeEach
    void theLogHasRows() {
        new ApiClient(port).post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "checkpoint-" + System.nanoTime(), "days", 1));
    }

    @Test
    void aMissingCheckpointIsReportedAcrossRestartsUntilAnAdminReanchors() {
        long newest = jdbc.sql("select max(id) from audit_event").query(Long.class).single();
        Path file = dir.resolve("audit.checkpoint");
        assertThat(file).doesNotExist();

        AuditChainVerifier first = restart();
        AuditChainVerifier.Result result = pastEarlierRestores(first);
        assertThat(result.intact()).as(result.toString()).isFalse();
        assertThat(result.kind()).isEqualTo(AuditChainVerifier.Break.CHECKPOINT);
        assertThat(result.problem()).startsWith("the audit checkpoint " + file + " is missing, but the log has rows (up to ")
                .endsWith("the removal of the newest rows cannot be seen until an ADMIN re-anchors the chain");
        assertThat(Long.parseLong(result.problem().replaceAll(".*\\(up to (\\d+)\\).*", "$1"))).isGreaterThanOrEqualTo(newest);

        // the startup wrote a new checkpoint at once; it carries the doubt, so a second restart does not forget it
        assertThat(file).exists();
        assertThat(pastEarlierRestores(restart()).problem()).isEqualTo(result.problem());

        AuditChainVerifier reanchoring = restart();
        reanchoring.accept(pastEarlierRestores(reanchoring), rows.lastRow().orElseThrow());
        AuditChainVerifier.Result after = restart().verify();
        assertThat(after.intact()).as(after.toString()).isTrue();
        assertThat(after.checkpointId()).isGreaterThanOrEqualTo(newest);
    }

    @Test
    void aChangedOrUnreadableCheckpointIsReportedAcrossRestarts() throws Exception {
        String original = Files.readString(data.root().resolve("audit.checkpoint"));
        assertThat(original).contains("signature=");
        Path file = dir.resolve("audit.checkpoint");

        // the newest id lowered, as someone would who deleted the newest rows: the signature no longer matches
        Files.writeString(file, original.replaceFirst("(?m)^id=\\d+$", "id=1"));
        AuditChainVerifier.Result changed = pastEarlierRestores(restart());
        assertThat(changed.kind()).as(changed.toString()).isEqualTo(AuditChainVerifier.Break.CHECKPOINT);
        assertThat(changed.problem()).isEqualTo("the audit checkpoint " + file + " does not match its signature: it was changed "
                + "outside Chartroom, or the audit key changed; the newest rows cannot be vouched for until an ADMIN re-anchors the chain");
        assertThat(Files.readString(file)).as("replaced by one that keeps the doubt").contains("doubt=the audit checkpoint");
        assertThat(pastEarlierRestores(restart()).problem()).isEqualTo(changed.problem());

        Files.writeString(file, "not a checkpoint\n");
        AuditChainVerifier.Result unreadable = pastEarlierRestores(restart());
        assertThat(unreadable.kind()).isEqualTo(AuditChainVerifier.Break.CHECKPOINT);
        assertThat(unreadable.problem()).startsWith("the audit checkpoint " + file + " cannot be read (")
                .endsWith("until an ADMIN re-anchors the chain, the removal of the newest rows cannot be seen");

        // the portal's own checkpoint, copied unchanged, is vouched for
        Files.writeString(file, original);
        AuditChainVerifier.Result intact = restart().verify();
        assertThat(intact.intact()).as(intact.toString()).isTrue();
    }

    /**
     * The verification's result once the link breaks that restores in earlier tests of this shared database left
     * (accepted in the portal's own checkpoint, which a lost one no longer knows) are accepted again.
     */
    private AuditChainVerifier.Result pastEarlierRestores(AuditChainVerifier verifier) {
        AuditChainVerifier.Result result = verifier.verify();
        for (int i = 0; i < 10 && result.kind() == AuditChainVerifier.Break.LINK; i++) {
            verifier.accept(result, rows.lastRow().orElseThrow());
            result = verifier.verify();
        }
        return result;
    }

    /** What a start of the portal on this data directory makes of its checkpoint, against the real table. */
    private AuditChainVerifier restart() {
        AuditCheckpoint checkpoint = new AuditCheckpoint(chain, new FileCheckpointStore(dir.resolve("audit.checkpoint")), jdbc, new SimpleMeterRegistry());
        return new AuditChainVerifier(queries, chain, checkpoint);
    }
}
