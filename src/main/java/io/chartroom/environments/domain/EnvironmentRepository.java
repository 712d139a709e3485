package io.chartroom.environments.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class EnvironmentRepository {

    private final JdbcClient jdbc;

    public EnvironmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Environment> findAll() {
        return jdbc.sql("select * from environment order by position, name").query(EnvironmentRepository::map).list();
    }

    public Optional<Environment> find(String name) {
        return jdbc.sql("select * from environment where name = ?").param(name).query(EnvironmentRepository::map).optional();
    }

    public void insert(Environment e, Instant at) {
        jdbc.sql("""
                insert into environment (name, position, description, cluster_selector, kube_version, self_heal, prune_crds, created_at,
                    updated_at, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.name(), e.position(), e.description(), e.clusterSelector(), e.kubeVersion(), e.selfHeal(), e.pruneCrds(), Timestamp.from(at),
                        Timestamp.from(at), e.updatedBy())
                .update();
    }

    public void update(Environment e, Instant at) {
        jdbc.sql("""
                update environment set position = ?, description = ?, cluster_selector = ?, kube_version = ?, self_heal = ?, prune_crds = ?, updated_at = ?,
                    updated_by = ? where name = ?""")
                .params(e.position(), e.description(), e.clusterSelector(), e.kubeVersion(), e.selfHeal(), e.pruneCrds(), Timestamp.from(at),
                        e.updatedBy(), e.name())
                .update();
    }

    public boolean delete(String name) {
        return jdbc.sql("delete from environment where name = ?").param(name).update() == 1;
    }

    public int nextPosition() {
        return jdbc.sql("select coalesce(max(position), 0) + 1 from environment").query(Integer.class).single();
    }

    static Environment map(ResultSet rs, int row) throws SQLException {
        return new Environment(rs.getString("name"), rs.getInt("position"), rs.getString("description"),
                rs.getString("cluster_selector"), rs.getString("kube_version"), rs.getBoolean("self_heal"), rs.getBoolean("prune_crds"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"));
    }
}
