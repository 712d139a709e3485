package io.chartroom.reconcile.plan;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.gitops.domain.LayoutException;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.environments.domain.Environment;
import io.chartroom.environments.service.EnvironmentService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What main asks for: one unit per release, environment it runs in, and cluster that environment selects.
 * Releases are read from Git only when their directory changed (cached by tree id), so a pass over
 * thousands of unchanged releases reads almost nothing.
 */
@Component
public class DesiredUnits {

    private static final Logger log = LoggerFactory.getLogger(DesiredUnits.class);

    /**
     * One (release, environment, cluster) as the commit {@code revision} of main describes it, with what it needs
     * to be reconciled; {@code releaseTree} identifies the release's files.
     */
    public record Unit(UnitKey key, String revision, ReleaseDescription release, String releaseTree, Cluster cluster, Environment environment) {}

    /** The units at a commit, the releases whose files Chartroom cannot read (by name, with the error), the environments. */
    public record Plan(String commit, List<Unit> units, Map<String, String> unreadable, Map<String, Environment> environments,
                Map<String, List<String>> releaseEnvironments, boolean complete) {

        /**
         * Whether the plan is all of what main asks for: every release read, and main in Chartroom's layout or in a kept
         * one. Units missing from an incomplete plan are not known to be gone (a team's layout read in part).
         */
        public boolean removes() {
            return complete && unreadable.isEmpty();
        }

        /** Main still runs the release in the environment: a unit that is not planned lost its cluster, not its release. */
        public boolean runs(String release, String environment) {
            return releaseEnvironments.getOrDefault(release, List.of()).contains(environment);
        }
    }

    private final GitOpsRepository gitops;
    private final EnvironmentService environments;
    private final RepositoryCheck repositoryCheck;
    private final Cache<String, Optional<ReleaseDescription>> releases = Caffeine.newBuilder().maximumSize(20_000).build();

    DesiredUnits(GitOpsRepository gitops, EnvironmentService environments, RepositoryCheck repositoryCheck) {
        this.gitops = gitops;
        this.repositoryCheck = repositoryCheck;
        this.environments = environments;
    }

    /**
     * The units at a commit: its releases, in its environments (as environments.yaml at that commit says), on the
     * clusters each environment's selector picks now. Called as the system (environments are read through their service).
     */
    public Plan at(String commit) {
        boolean complete = !gitops.describing(commit).equals(commit) || repositoryCheck.readsAsWritten(commit);
        Map<String, EnvironmentService.Targets> targets = new LinkedHashMap<>();
        environments.targetsAt(commit).forEach(t -> targets.put(t.environment().name(), t));
        List<Unit> units = new ArrayList<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        Map<String, List<String>> releaseEnvironments = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : gitops.releaseTrees(commit).entrySet()) {
            String name = entry.getKey();
            Optional<ReleaseDescription> release;
            try {
                release = releases.get(entry.getValue(), tree -> gitops.release(commit, name));
            } catch (LayoutException e) {
                log.warn("Release {} cannot be read: {}", name, e.getMessage());
                unreadable.put(name, e.getMessage());
                continue;
            }
            if (release.isEmpty()) {
                continue;
            }
            releaseEnvironments.put(name, release.get().environments());
            for (String env : release.get().environments()) {
                EnvironmentService.Targets t = targets.get(env);
                if (t == null) {
                    continue;
                }
                for (Cluster cluster : t.clusters()) {
                    units.add(new Unit(new UnitKey(name, env, cluster.name()), commit, release.get(), entry.getValue(), cluster, t.environment()));
                }
            }
        }
        Map<String, Environment> byName = new LinkedHashMap<>();
        targets.forEach((name, t) -> byName.put(name, t.environment()));
        return new Plan(commit, units, unreadable, byName, releaseEnvironments, complete);
    }
}
