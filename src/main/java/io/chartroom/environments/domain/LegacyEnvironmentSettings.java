package io.chartroom.environments.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the database said about environments before environments.yaml held every setting (the table
 * {@code environment}, read only, never written again): self-heal and CRD pruning of environments whose
 * environments.yaml entry does not say, until the change request that carries them into the file merges.
 */
@Repository
public class LegacyEnvironmentSettings {

    /** One environment's settings as the table had them. */
    public record Settings(boolean selfHeal, boolean pruneCrds) {}

    private final JdbcClient jdbc;

    public LegacyEnvironmentSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Settings> all() {
        Map<String, Settings> byName = new LinkedHashMap<>();
        jdbc.sql("select name, self_heal, prune_crds from environment order by position, name")
                .query((rs, n) -> byName.put(rs.getString("name"), new Settings(rs.getBoolean("self_heal"), rs.getBoolean("prune_crds"))))
                .list();
        return byName;
    }
}
