package io.chartroom.changes.service;

import io.chartroom.environments.domain.Environment;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.releases.service.ChartUpgrades;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Every release as a pipeline of its environments (in their order): the chart version each runs, and what waits to
 * be promoted into it, i.e. a different version in the environment before it. Kargo shows this per project; here it
 * is every release at once, filtered by team.
 */
@Service
public class ReleasePipeline {

    /** @param waiting the version the environment before runs, when it differs: what a promotion would bring */
    public record Stage(String environment, String version, @Nullable String previous, @Nullable String waiting) {}

    /** @param available a newer stable chart version in the catalog */
    public record Row(String release, String team, String chart, List<Stage> stages, Optional<String> available) {}

    private final GitOpsRepository gitops;
    private final EnvironmentService environments;
    private final ChartUpgrades upgrades;
    private final CurrentUser currentUser;

    ReleasePipeline(GitOpsRepository gitops, EnvironmentService environments, ChartUpgrades upgrades, CurrentUser currentUser) {
        this.gitops = gitops;
        this.environments = environments;
        this.upgrades = upgrades;
        this.currentUser = currentUser;
    }

    /** The environments in the portal's order: the pipeline's columns. */
    public List<String> environments() {
        return environments.list().stream().map(Environment::name).toList();
    }

    /** Every release on main, by name; only {@code team}'s when given. */
    public List<Row> rows(@Nullable String team) {
        currentUser.require(Role.VIEWER);
        String main = gitops.main();
        List<Row> rows = new ArrayList<>();
        for (String name : gitops.releaseNames(main)) {
            gitops.release(main, name).filter(r -> team == null || team.isBlank() || r.team().equals(team)).map(this::row).ifPresent(rows::add);
        }
        return rows;
    }

    /** One release's pipeline. */
    public Row row(ReleaseDescription release) {
        currentUser.require(Role.VIEWER);
        List<Stage> stages = new ArrayList<>();
        String previous = null;
        for (String env : release.environments()) {
            String version = release.versionFor(env);
            String before = previous == null ? null : release.versionFor(previous);
            stages.add(new Stage(env, version, previous, before != null && !before.equals(version) ? before : null));
            previous = env;
        }
        return new Row(release.name(), release.team(), release.chart().repository() + "/" + release.chart().chart(), stages,
                upgrades.available(release));
    }
}
