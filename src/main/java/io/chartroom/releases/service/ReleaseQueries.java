package io.chartroom.releases.service;

import io.chartroom.base.error.NotFoundException;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Service;

/** The releases the GitOps repository's main describes: what runs (or is meant to run) today. */
@Service
public class ReleaseQueries {

    private final GitOpsRepository gitops;
    private final CurrentUser currentUser;

    public ReleaseQueries(GitOpsRepository gitops, CurrentUser currentUser) {
        this.gitops = gitops;
        this.currentUser = currentUser;
    }

    public List<ReleaseDescription> onMain() {
        currentUser.require(Role.VIEWER);
        String main = gitops.main();
        return gitops.releaseNames(main).stream().map(name -> gitops.release(main, name).orElseThrow()).toList();
    }

    /** A page of the releases on main whose name contains the filter and (when given) of one team, by name. */
    public List<ReleaseDescription> page(String filter, String team, int offset, int limit) {
        currentUser.require(Role.VIEWER);
        String main = gitops.main();
        List<String> names = names(main, filter);
        if (team == null || team.isBlank()) {
            // only the page's releases are read, not every release on main
            return names.stream().skip(offset).limit(limit).map(name -> gitops.release(main, name).orElseThrow()).toList();
        }
        return ofTeam(main, names, team).stream().skip(offset).limit(limit).toList();
    }

    public int count(String filter, String team) {
        currentUser.require(Role.VIEWER);
        String main = gitops.main();
        return team == null || team.isBlank() ? names(main, filter).size() : ofTeam(main, names(main, filter), team).size();
    }

    private List<ReleaseDescription> ofTeam(String main, List<String> names, String team) {
        return names.stream().map(name -> gitops.release(main, name).orElseThrow()).filter(r -> r.team().equals(team)).toList();
    }

    private List<String> names(String main, String filter) {
        String f = filter == null ? "" : filter.strip().toLowerCase();
        // only directories in Chartroom's layout: a team's own release directories are listed as repository problems
        java.util.Set<String> releases = new java.util.HashSet<>(gitops.releaseNames(main));
        return gitops.releaseTrees(main).keySet().stream().filter(n -> n.contains(f) && releases.contains(n)).sorted().toList();
    }

    public ReleaseDescription onMain(String name) {
        currentUser.require(Role.VIEWER);
        return gitops.release(gitops.main(), name).orElseThrow(() -> new NotFoundException("release " + name + " does not exist"));
    }
}
