package io.chartroom.changes.service;

import io.chartroom.base.error.ConflictException;
import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.changes.domain.ChangeReview.Check;
import io.chartroom.changes.domain.ChangeReview.CheckStatus;
import io.chartroom.changes.domain.ChangeReview.EnvironmentChange;
import io.chartroom.changes.domain.ChangeReview.FileChange;
import io.chartroom.changes.domain.ChangeReview.FileStatus;
import io.chartroom.changes.domain.ChangeReview.TargetDiff;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.RepositoryCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The review of a change of the environments: environments.yaml's diff; per environment its settings before and
 * after (with the clusters its selector picks now); and what that means for the releases on main: the clusters
 * each one arrives on or leaves (whose objects then stay, Orphaned, until an ADMIN confirms), and environments
 * removed while releases still run in them (a failed check).
 */
@Component
class EnvironmentsReviewer {

    private final GitOpsRepository gitops;
    private final EnvironmentService environments;
    private final RepositoryCheck repositoryCheck;
    private final Clock clock;

    EnvironmentsReviewer(GitOpsRepository gitops, EnvironmentService environments, RepositoryCheck repositoryCheck, Clock clock) {
        this.gitops = gitops;
        this.environments = environments;
        this.repositoryCheck = repositoryCheck;
        this.clock = clock;
    }

    ChangeReview review(String base, String head) {
        List<FileChange> files = new ArrayList<>();
        gitops.changes(base, head, "").forEach((path, text) -> {
            var old = gitops.read(base, path);
            files.add(new FileChange(path, text == null ? FileStatus.DELETED : old.isEmpty() ? FileStatus.ADDED : FileStatus.MODIFIED,
                    old.orElse(null), text));
        });
        Map<String, EnvironmentService.Targets> before = byName(environments.targetsAt(base));
        Map<String, EnvironmentService.Targets> after = byName(environments.targetsAt(head));
        Set<String> names = new LinkedHashSet<>(after.keySet());
        names.addAll(before.keySet());
        List<EnvironmentChange> changes = new ArrayList<>();
        for (String name : names) {
            EnvironmentService.Targets was = before.get(name);
            EnvironmentService.Targets is = after.get(name);
            EnvironmentService.Targets shown = is != null ? is : was;
            changes.add(new EnvironmentChange(name, was != null, is != null, settings(was), settings(is),
                    List.of(new TargetDiff(shown.environment().kubeVersion(), clusterNames(shown), null, null, List.of()))));
        }
        List<Check> checks = new ArrayList<>();
        checks.add(readable(head));
        checks.add(placement(head, before, after));
        return new ChangeReview(base, head, clock.instant(), files, changes, checks);
    }

    private Check readable(String head) {
        try {
            repositoryCheck.requireReadable(head, "merge it");
            return new Check("Layout", CheckStatus.PASSED, "environments.yaml and every release read back as Chartroom writes them", List.of());
        } catch (ConflictException unreadable) {
            return new Check("Layout", CheckStatus.FAILED, unreadable.getMessage(), List.of());
        }
    }

    /** Which releases arrive on or leave which clusters; environments removed under running releases fail. */
    private Check placement(String head, Map<String, EnvironmentService.Targets> before, Map<String, EnvironmentService.Targets> after) {
        List<String> arriving = new ArrayList<>();
        List<String> leaving = new ArrayList<>();
        List<String> stranded = new ArrayList<>();
        for (String release : gitops.releaseNames(head)) {
            for (String env : gitops.release(head, release).map(d -> d.environments()).orElse(List.of())) {
                Set<String> was = before.containsKey(env) ? Set.copyOf(clusterNames(before.get(env))) : Set.of();
                if (!after.containsKey(env)) {
                    stranded.add(release + " runs in " + env + ", which the change removes");
                    continue;
                }
                Set<String> is = Set.copyOf(clusterNames(after.get(env)));
                is.stream().filter(c -> !was.contains(c)).sorted().forEach(c -> arriving.add(release + " (" + env + ") is applied to " + c));
                was.stream().filter(c -> !is.contains(c)).sorted().forEach(c -> leaving.add(release + " (" + env + ") leaves " + c
                        + ": its objects stay, Orphaned, until an ADMIN confirms their removal"));
            }
        }
        List<String> details = new ArrayList<>(stranded);
        details.addAll(leaving);
        details.addAll(arriving);
        if (!stranded.isEmpty()) {
            return new Check("Placement", CheckStatus.FAILED, stranded.size() + " release(s) run in an environment the change removes: "
                    + "remove it from them first", details);
        }
        if (!leaving.isEmpty()) {
            return new Check("Placement", CheckStatus.WARNING, leaving.size() + " unit(s) leave their cluster, " + arriving.size()
                    + " arrive", details);
        }
        return new Check("Placement", CheckStatus.PASSED, arriving.isEmpty() ? "no release changes clusters"
                : arriving.size() + " unit(s) arrive on a cluster", details);
    }

    private static String settings(EnvironmentService.Targets t) {
        if (t == null) {
            return "";
        }
        var e = t.environment();
        String approvals = e.approvals() == null ? "as before (not in the file)" : ApprovalPolicy.of(e.name(), e.approvals()).describe();
        return "description: " + e.description() + "\nclusterSelector: " + e.clusterSelector() + "\nkubeVersion: " + e.kubeVersion()
                + "\nselfHeal: " + e.selfHeal() + "\npruneCrds: " + e.pruneCrds() + "\napprovals: " + approvals
                + "\nposition: " + e.position() + "\nclusters now: " + (t.clusterNames().isEmpty() ? "none" : String.join(", ", clusterNames(t))) + "\n";
    }

    private static List<String> clusterNames(EnvironmentService.Targets t) {
        return t.clusterNames();
    }

    private static Map<String, EnvironmentService.Targets> byName(List<EnvironmentService.Targets> targets) {
        Map<String, EnvironmentService.Targets> byName = new LinkedHashMap<>();
        targets.forEach(t -> byName.put(t.environment().name(), t));
        return byName;
    }
}
