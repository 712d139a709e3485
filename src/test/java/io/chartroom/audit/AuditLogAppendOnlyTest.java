package io.chartroom.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.base.event.AuditEntry;
import io.chartroom.fixtures.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class AuditLogAppendOnlyTest {

    @Autowired ApplicationEventPublisher events;
    @Autowired JdbcClient jdbc;

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncate() {
        events.publishEvent(AuditEntry.of("test.append-only", "tester").target("thing", "1").build());
        long id = jdbc.sql("select max(id) from audit_event where action = 'test.append-only'").query(Long.class).single();

        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'mallory' where id = ?").param(id).update())
                .rootCause().hasMessageContaining("append-only").hasMessageContaining("UPDATE");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where id = ?").param(id).update())
                .rootCause().hasMessageContaining("append-only").hasMessageContaining("DELETE");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
                .rootCause().hasMessageContaining("append-only").hasMessageContaining("TRUNCATE");
        assertThat(jdbc.sql("select actor from audit_event where id = ?").param(id).query(String.class).single())
                .isEqualTo("tester");
    }

    @Test
    void eachRowIsChainedToThePreviousOne() {
        // only the rows this test appends: others in the shared context may have accepted a break (a restore)
        long mark = jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
        for (int i = 0; i < 3; i++) {
            events.publishEvent(AuditEntry.of("test.chain", "tester").detail("n", i).build());
        }
        List<Map<String, Object>> rows = jdbc.sql("select id, prev_hash, hash from audit_event where id >= ? order by id").param(mark)
                .query().listOfRows();
        for (int i = 1; i < rows.size(); i++) {
            assertThat((byte[]) rows.get(i).get("prev_hash")).isEqualTo((byte[]) rows.get(i - 1).get("hash"));
        }
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4);
    }
}
