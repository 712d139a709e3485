package io.chartroom.settings.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class RuntimeSettingRepository {

    private final JdbcClient jdbc;

    public RuntimeSettingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> find(String key) {
        return jdbc.sql("select value from runtime_setting where key = ?").param(key).query(String.class).optional();
    }

    public Map<String, String> findAll() {
        return jdbc.sql("select key, value from runtime_setting").query().listOfRows().stream()
                .collect(Collectors.toMap(r -> (String) r.get("key"), r -> (String) r.get("value")));
    }

    public void save(String key, String value, String by, Instant at) {
        jdbc.sql("""
                insert into runtime_setting (key, value, updated_at, updated_by) values (?, ?, ?, ?)
                on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by""")
                .params(key, value, Timestamp.from(at), by).update();
    }
}
