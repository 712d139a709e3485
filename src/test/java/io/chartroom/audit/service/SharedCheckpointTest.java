package io.chartroom.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.audit.domain.AuditChain;
import io.chartroom.audit.domain.AuditEventRepository;
import io.chartroom.clusters.service.SimulatedApiServer;
import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.IntegrationTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 22, item 3: replicas without a volume of their own keep the audit checkpoint in one ConfigMap (here on an
 * in-process API server). A replica starting afresh finds the head the others wrote, and no doubt; a replica whose
 * head is behind merges the newer one instead of writing over it; writes are compare-and-swap; a missing ConfigMap
 * while the table has rows is reported like a missing file.
 */
@IntegrationTest
class SharedCheckpointTest {

    @LocalServerPort int port;
    @Autowired AuditChain chain;
    @Autowired AuditEventRepository rows;
    @Autowired JdbcClient jdbc;

    @Test
    void replicasShareOneCheckpointInAConfigMapAndNeverWriteOverANewerHead() throws Exception {
        try (SimulatedApiServer server = new SimulatedApiServer("v1.31.2");
             KubernetesClient client = new KubernetesClientBuilder().withConfig(server.config()).build()) {
            String name = "audit-checkpoint-" + System.nanoTime();
            auditedRow();

            // the first replica of a new installation on an old table: the ConfigMap is missing, which is reported
            AuditCheckpoint first = replica(client, name);
            assertThat(first.problem()).isEqualTo("the audit checkpoint ConfigMap default/" + name + " is missing, but the log has rows (up to "
                    + rows.lastRow().orElseThrow().id() + "): it was deleted or the data directory replaced; the removal of the newest rows cannot "
                    + "be seen until an ADMIN re-anchors the chain");
            AuditEventRepository.Appended firstRow = rows.lastRow().orElseThrow();
            first.accept(-1, true, firstRow.id(), firstRow.hash());
            long anchored = first.head().id();
            assertThat(client.configMaps().inNamespace("default").withName(name).get().getData().get(ConfigMapCheckpointStore.KEY))
                    .contains("id=" + anchored).doesNotContain("doubt=");

            // a second replica starting on an empty volume finds it: no doubt
            AuditCheckpoint second = replica(client, name);
            assertThat(second.problem()).isNull();
            assertThat(second.head().id()).isEqualTo(anchored);

            // the second commits a newer row; the first, behind, merges it instead of writing its older head over it
            auditedRow();
            AuditEventRepository.Appended newer = rows.lastRow().orElseThrow();
            second.advance(newer);
            second.flush();
            first.advance(new AuditEventRepository.Appended(anchored, first.head().hash()));
            first.flush();
            assertThat(first.head().id()).as("the newer head, merged").isEqualTo(newer.id());
            assertThat(client.configMaps().inNamespace("default").withName(name).get().getData().get(ConfigMapCheckpointStore.KEY))
                    .contains("id=" + newer.id());
            assertThat(replica(client, name).head().id()).as("a third replica starts from the newest").isEqualTo(newer.id());

            // an ADMIN re-anchors on an older row (after a restore): a replica still holding the newer head does not raise it again
            first.accept(-1, false, firstRow.id(), firstRow.hash());
            long anchor = first.head().anchor();
            second.advance(new AuditEventRepository.Appended(newer.id(), newer.hash()));
            second.flush();
            assertThat(second.head().anchor()).as("the later anchor wins whole").isEqualTo(anchor);
            assertThat(second.head().id()).isEqualTo(firstRow.id());
            assertThat(client.configMaps().inNamespace("default").withName(name).get().getData().get(ConfigMapCheckpointStore.KEY))
                    .contains("anchor=" + anchor);

            ConfigMapCheckpointStore store = new ConfigMapCheckpointStore(client, "default", name);
            assertThat(store.write(null, "stale\n")).as("compare-and-swap: a writer that read nothing does not replace it").isFalse();
            assertThat(store.write("not what is stored\n", "stale\n")).isFalse();

            client.configMaps().inNamespace("default").withName(name).delete();
            assertThat(replica(client, name).problem()).as("deleted: reported as missing").contains("is missing, but the log has rows");
        }
    }

    private AuditCheckpoint replica(KubernetesClient client, String name) {
        return new AuditCheckpoint(chain, new ConfigMapCheckpointStore(client, "default", name), jdbc, new SimpleMeterRegistry());
    }

    private void auditedRow() {
        new ApiClient(port).post("/api/v1/tokens", Auth.user("viewer"), Map.of("name", "shared-" + System.nanoTime(), "days", 1));
    }
}
