package io.chartroom.adoption.domain;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class KeptHelmfileLayoutRepository {

    private final JdbcClient jdbc;

    public KeptHelmfileLayoutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true) // the choice and its environments as one
    public Optional<KeptHelmfileLayout> find() {
        List<KeptHelmfileLayout.Environment> environments = jdbc.sql("select * from kept_helmfile_environment order by position")
                .query((rs, n) -> new KeptHelmfileLayout.Environment(rs.getString("environment"), rs.getString("cluster_selector"),
                        rs.getString("kube_version"))).list();
        Map<String, String> teams = new TreeMap<>();
        jdbc.sql("select release, team from kept_helmfile_release_team").query((rs, n) -> teams.put(rs.getString("release"), rs.getString("team")))
                .list();
        return jdbc.sql("select * from kept_helmfile_layout").query((rs, n) -> new KeptHelmfileLayout(rs.getString("team"), teams, environments,
                rs.getString("chosen_by"), rs.getTimestamp("chosen_at").toInstant())).optional();
    }

    /** Replaces the choice, environments and all. */
    @Transactional
    public void save(KeptHelmfileLayout layout) {
        delete();
        jdbc.sql("insert into kept_helmfile_layout (team, chosen_by, chosen_at) values (?, ?, ?)")
                .params(layout.team(), layout.chosenBy(), Timestamp.from(layout.chosenAt())).update();
        layout.teams().forEach((release, team) -> jdbc.sql("insert into kept_helmfile_release_team (release, team) values (?, ?)")
                .params(release, team).update());
        int position = 0;
        for (KeptHelmfileLayout.Environment e : layout.environments()) {
            jdbc.sql("insert into kept_helmfile_environment (environment, position, cluster_selector, kube_version) values (?, ?, ?, ?)")
                    .params(e.name(), position++, e.clusterSelector(), e.kubeVersion()).update();
        }
    }

    @Transactional
    public void delete() {
        jdbc.sql("delete from kept_helmfile_release_team").update();
        jdbc.sql("delete from kept_helmfile_environment").update();
        jdbc.sql("delete from kept_helmfile_layout").update();
    }
}
