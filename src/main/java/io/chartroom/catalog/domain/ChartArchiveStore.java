package io.chartroom.catalog.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The contents of chart archives already read, by digest. */
@Repository
public class ChartArchiveStore {

    private final JdbcClient jdbc;

    public ChartArchiveStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ChartArchive> find(String digest) {
        return jdbc.sql("select * from chart_archive where digest = ?").param(digest).query(ChartArchiveStore::map).optional();
    }

    public void save(ChartArchive a) {
        jdbc.sql("""
                insert into chart_archive (digest, size_bytes, chart_yaml, values_yaml, values_schema, readme, vendored, fetched_at,
                    requirements_yaml, lock_yaml, read_version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (digest) do update set requirements_yaml = excluded.requirements_yaml,
                    lock_yaml = excluded.lock_yaml, read_version = excluded.read_version
                    where chart_archive.read_version < excluded.read_version""")
                .params(a.digest(), a.sizeBytes(), a.chartYaml(), a.valuesYaml(), a.valuesSchema(), a.readme(),
                        new SqlArrayValue("text", a.vendored().toArray()), Timestamp.from(a.fetchedAt()), a.requirementsYaml(),
                        a.lockYaml(), a.readVersion())
                .update();
    }

    static ChartArchive map(ResultSet rs, int row) throws SQLException {
        return new ChartArchive(rs.getString("digest"), rs.getLong("size_bytes"), rs.getString("chart_yaml"),
                rs.getString("values_yaml"), rs.getString("values_schema"), rs.getString("readme"),
                ChartRepositoryStore.strings(rs.getArray("vendored")), rs.getTimestamp("fetched_at").toInstant(),
                rs.getString("requirements_yaml"), rs.getString("lock_yaml"), rs.getInt("read_version"));
    }
}
