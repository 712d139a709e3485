package io.chartroom.clusters.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class ClusterRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;

    public ClusterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String name, Map<String, String> labels, String kubeVersion, Cluster.Kind kind, String by, Instant at) {
        return jdbc.sql("""
                insert into cluster (name, labels, kube_version, kind, created_at, created_by, updated_at)
                values (?, cast(? as jsonb), ?, ?, ?, ?, ?) returning id""")
                .params(name, JSON.writeValueAsString(new TreeMap<>(labels)), kubeVersion, kind.name(), Timestamp.from(at), by, Timestamp.from(at))
                .query(Long.class).single();
    }

    public List<Cluster> findAll() {
        return jdbc.sql("select * from cluster order by name").query(ClusterRepository::map).list();
    }

    public Optional<Cluster> findByName(String name) {
        return jdbc.sql("select * from cluster where name = ?").param(name).query(ClusterRepository::map).optional();
    }

    static Cluster map(ResultSet rs, int row) throws SQLException {
        Map<String, String> labels = JSON.readValue(rs.getString("labels"), new TypeReference<TreeMap<String, String>>() { });
        return new Cluster(rs.getLong("id"), rs.getString("name"), labels, rs.getString("kube_version"),
                Cluster.Kind.valueOf(rs.getString("kind")), rs.getTimestamp("created_at").toInstant());
    }
}
