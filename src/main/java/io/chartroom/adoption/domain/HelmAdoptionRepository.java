package io.chartroom.adoption.domain;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class HelmAdoptionRepository {

    private static final RowMapper<HelmAdoption> ROW = (rs, n) -> new HelmAdoption(rs.getString("cluster"), rs.getString("namespace"),
            rs.getString("helm_release"), rs.getString("release"), rs.getString("environment"), rs.getLong("change_request_id"),
            rs.getString("imported_by"), rs.getTimestamp("imported_at").toInstant());

    private final JdbcClient jdbc;

    public HelmAdoptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(HelmAdoption adoption) {
        jdbc.sql("""
                insert into helm_adoption (cluster, namespace, helm_release, release, environment, change_request_id, imported_by, imported_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (cluster, namespace, helm_release) do update set release = excluded.release, environment = excluded.environment,
                    change_request_id = excluded.change_request_id, imported_by = excluded.imported_by, imported_at = excluded.imported_at""")
                .params(adoption.cluster(), adoption.namespace(), adoption.helmRelease(), adoption.release(), adoption.environment(),
                        adoption.changeRequestId(), adoption.importedBy(), Timestamp.from(adoption.importedAt()))
                .update();
    }

    public List<HelmAdoption> onCluster(String cluster) {
        return jdbc.sql("select * from helm_adoption where cluster = ?").param(cluster).query(ROW).list();
    }

    public Optional<HelmAdoption> find(String cluster, String namespace, String helmRelease) {
        return jdbc.sql("select * from helm_adoption where cluster = ? and namespace = ? and helm_release = ?")
                .params(cluster, namespace, helmRelease).query(ROW).optional();
    }
}
