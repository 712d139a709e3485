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

/** Clusters; their credentials are stored encrypted (the service encrypts) and read only for connecting. */
@Repository
public class ClusterRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;

    public ClusterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a cluster is registered or changed with; {@code credentials} is already encrypted (base64), null to keep. */
    public record Fields(String name, String description, Map<String, String> labels, String kubeVersion, Cluster.Kind kind,
                         String apiUrl, String contextName, String region, String eksClusterName, String caData, String credentials) {}

    public long insert(Fields f, String by, Instant at) {
        return jdbc.sql("""
                insert into cluster (name, description, labels, kube_version, kind, api_url, context_name, region, eks_cluster_name,
                    ca_data, credentials, created_at, created_by, updated_at)
                values (?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(f.name(), f.description(), JSON.writeValueAsString(new TreeMap<>(f.labels())), f.kubeVersion(), f.kind().name(),
                        f.apiUrl(), f.contextName(), f.region(), f.eksClusterName(), f.caData(), f.credentials(), Timestamp.from(at), by,
                        Timestamp.from(at))
                .query(Long.class).single();
    }

    public void update(String name, Fields f, Instant at) {
        jdbc.sql("""
                update cluster set description = ?, labels = cast(? as jsonb), kube_version = coalesce(?, kube_version), api_url = ?,
                    context_name = ?, region = ?, eks_cluster_name = ?, ca_data = ?, credentials = coalesce(?, credentials),
                    updated_at = ? where name = ?""")
                .params(f.description(), JSON.writeValueAsString(new TreeMap<>(f.labels())), f.kubeVersion(), f.apiUrl(), f.contextName(),
                        f.region(), f.eksClusterName(), f.caData(), f.credentials(), Timestamp.from(at), name)
                .update();
    }

    public void recordCheck(String name, String kubeVersion, String error, Instant at) {
        jdbc.sql("update cluster set kube_version = coalesce(?, kube_version), check_error = ?, checked_at = ? where name = ?")
                .params(kubeVersion, error, Timestamp.from(at), name).update();
    }

    /** Whether connections to the cluster skip checking its certificate, as its credentials say. */
    public void recordTls(String name, boolean unverified) {
        jdbc.sql("update cluster set tls_unverified = ? where name = ? and tls_unverified <> ?").params(unverified, name, unverified).update();
    }

    public boolean delete(String name) {
        return jdbc.sql("delete from cluster where name = ?").param(name).update() == 1;
    }

    public List<Cluster> findAll() {
        return jdbc.sql("select * from cluster order by name").query(ClusterRepository::map).list();
    }

    public Optional<Cluster> findByName(String name) {
        return jdbc.sql("select * from cluster where name = ?").param(name).query(ClusterRepository::map).optional();
    }

    /** The encrypted credentials and the CA of a cluster, for connecting to it. */
    public record Secrets(String credentials, String caData, Instant updatedAt) {}

    public Optional<Secrets> secrets(String name) {
        return jdbc.sql("select credentials, ca_data, updated_at from cluster where name = ?").param(name)
                .query((rs, n) -> new Secrets(rs.getString("credentials"), rs.getString("ca_data"), rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    static Cluster map(ResultSet rs, int row) throws SQLException {
        Map<String, String> labels = JSON.readValue(rs.getString("labels"), new TypeReference<TreeMap<String, String>>() { });
        Timestamp checked = rs.getTimestamp("checked_at");
        return new Cluster(rs.getLong("id"), rs.getString("name"), rs.getString("description"), labels, rs.getString("kube_version"),
                Cluster.Kind.valueOf(rs.getString("kind")), rs.getString("api_url"), rs.getString("context_name"), rs.getString("region"),
                rs.getString("eks_cluster_name"), checked == null ? null : checked.toInstant(), rs.getString("check_error"),
                rs.getTimestamp("created_at").toInstant(), rs.getBoolean("tls_unverified"));
    }
}
