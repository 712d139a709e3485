package io.chartroom.releases.service;

import io.chartroom.base.error.NotFoundException;
import io.chartroom.environments.domain.Environment;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The check of a draft without rendering: names, team, environments, the YAML of each layer (with line and
 * column), the chart's schema on each environment's effective values, secrets typed as literals. Who may check
 * is the draft service's business; the user given is whose team counts.
 */
@Component
class DraftChecker {

    private final ReleaseCharts charts;
    private final EnvironmentService environments;
    private final GitOpsRepository gitops;
    private final ObjectProvider<ProposedReleases> proposed;

    DraftChecker(ReleaseCharts charts, EnvironmentService environments, GitOpsRepository gitops,
                 ObjectProvider<ProposedReleases> proposed) {
        this.charts = charts;
        this.environments = environments;
        this.gitops = gitops;
        this.proposed = proposed;
    }

    /** {@code editing} is the name of the release being changed, or null for a new one. */
    DraftCheck check(ReleaseDraft draft, String editing, UserIdentity user) {
        List<DraftCheck.Problem> problems = new ArrayList<>();
        checkIdentity(draft, editing, user, problems);
        ChartInfo chart;
        try {
            chart = charts.info(draft.chartVersionId());
        } catch (NotFoundException e) {
            problems.add(DraftCheck.Problem.error("release", "chart", e.getMessage()));
            return new DraftCheck(problems, Map.of());
        }
        if (!chart.detail().usable()) {
            problems.add(DraftCheck.Problem.error("release", "chart", chart.detail().unusableReason()));
        }
        Map<String, Object> base = DraftCheck.parseLayer("base", draft.baseValues(), problems);
        Map<String, DraftCheck.EnvironmentCheck> checks = new LinkedHashMap<>();
        Map<String, Environment> known = new LinkedHashMap<>();
        environments.list().forEach(e -> known.put(e.name(), e));
        Set<String> seenProblems = new LinkedHashSet<>();
        for (String name : draft.environments()) {
            if (!known.containsKey(name)) {
                problems.add(DraftCheck.Problem.error("release", "environments", "there is no environment named " + name));
                continue;
            }
            EnvironmentService.Targets targets = environments.targets(name);
            targets.warnings().forEach(w -> problems.add(DraftCheck.Problem.warning(name, "environment", w)));
            Map<String, Object> layer = DraftCheck.parseLayer(name, draft.environmentValues().getOrDefault(name, ""), problems);
            ChartInfo environmentChart = environmentChart(draft, name, chart, problems);
            if (base == null || layer == null || environmentChart == null) {
                continue;
            }
            DraftCheck.EnvironmentCheck environmentCheck = ReleaseRenderer.environmentValues(environmentChart, name, base, layer, targets);
            // a base value the schema rejects fails in every environment: listed once
            for (DraftCheck.Problem problem : ReleaseRenderer.schemaProblems(environmentChart, layer, environmentCheck)) {
                if (seenProblems.add(problem.toString())) {
                    problems.add(problem);
                }
            }
            checks.put(name, environmentCheck);
            SecretValuesCheck.check(name, layer, environmentChart.form(), problems);
        }
        if (base != null) {
            SecretValuesCheck.check("base", base, chart.form(), problems);
        }
        for (String layerName : draft.environmentValues().keySet()) {
            if (!draft.environments().contains(layerName) && !draft.environmentValues().get(layerName).isBlank()) {
                problems.add(DraftCheck.Problem.warning(layerName, "", "values for an environment the release does not run in are dropped"));
            }
        }
        return new DraftCheck(problems, checks);
    }

    /** The chart version an environment runs: the base's, or another version of the same chart; null when it cannot. */
    private ChartInfo environmentChart(ReleaseDraft draft, String environment, ChartInfo base, List<DraftCheck.Problem> problems) {
        long id = draft.chartVersionIdFor(environment);
        if (id == draft.chartVersionId()) {
            return base;
        }
        ChartInfo own;
        try {
            own = charts.info(id);
        } catch (NotFoundException e) {
            problems.add(DraftCheck.Problem.error(environment, "chart version", e.getMessage()));
            return null;
        }
        if (own.detail().chart().id() != base.detail().chart().id()) {
            problems.add(DraftCheck.Problem.error(environment, "chart version", "an environment may run another version of "
                    + base.detail().chart().name() + ", not another chart (" + own.detail().chart().name() + ")"));
            return null;
        }
        if (!own.detail().usable()) {
            problems.add(DraftCheck.Problem.error(environment, "chart version", own.detail().unusableReason()));
        }
        return own;
    }

    private void checkIdentity(ReleaseDraft d, String editing, UserIdentity user, List<DraftCheck.Problem> problems) {
        if (d.name() == null || !RepositoryLayout.RELEASE_NAME.matcher(d.name()).matches()) {
            problems.add(DraftCheck.Problem.error("release", "name",
                    "a release name is a DNS-1123 label: lowercase letters, digits and dashes, 1-53 characters, starting and ending with a letter or digit"));
        } else if (editing == null && gitops.releaseNames(gitops.main()).contains(d.name())) {
            problems.add(DraftCheck.Problem.error("release", "name", "a release named " + d.name() + " already exists"));
        } else if (editing == null && proposed.getIfAvailable() != null && proposed.getObject().creationProposed(d.name()).isPresent()) {
            problems.add(DraftCheck.Problem.error("release", "name", proposed.getObject().creationProposed(d.name()).get()
                    + " already proposes a release named " + d.name()));
        } else if (editing != null && !editing.equals(d.name())) {
            problems.add(DraftCheck.Problem.error("release", "name", "a release cannot be renamed; create a new one instead"));
        }
        if (d.namespace() == null || !RepositoryLayout.NAMESPACE.matcher(d.namespace()).matches()) {
            problems.add(DraftCheck.Problem.error("release", "namespace",
                    "a namespace is a DNS-1123 label: lowercase letters, digits and dashes, 1-63 characters"));
        }
        if (d.team() == null || d.team().isBlank()) {
            problems.add(DraftCheck.Problem.error("release", "team", "choose the team that owns the release"));
        } else if (!user.hasRole(Role.ADMIN) && !user.inTeam(d.team())) {
            problems.add(DraftCheck.Problem.error("release", "team", user.username() + " is not a member of team " + d.team()));
        }
        if (d.environments().isEmpty()) {
            problems.add(DraftCheck.Problem.error("release", "environments", "choose at least one environment"));
        }
    }
}
