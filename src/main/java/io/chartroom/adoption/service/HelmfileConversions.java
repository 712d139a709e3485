package io.chartroom.adoption.service;

import io.chartroom.adoption.helmfile.HelmfileProblem;
import io.chartroom.adoption.helmfile.HelmfileRead;
import io.chartroom.adoption.helmfile.ReleaseMapping;
import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.InvalidInputException.Problem;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.Audited;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.releases.service.RepositoryConversions;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Converts a team's helmfile repository to Chartroom's layout (issue 20, item 4b) in one change request: main read
 * as helmfile reads it, each release written as Chartroom writes releases (its values split into a shared layer and
 * environment layers), the environments with the cluster selectors the ADMIN gives, and every file Chartroom cannot
 * read deleted (others, a README, stay). Nothing is written when anything cannot be converted: each problem names its
 * file and line, or the field of the request. The change request's review renders every release both ways.
 */
@Service
public class HelmfileConversions {

    /**
     * What the ADMIN decides: the team that owns the releases ({@code teams}: another per release), each helmfile
     * environment's cluster selector, and optionally its Kubernetes version to render with while it selects no cluster.
     */
    public record ConversionRequest(@Nullable String team, @Nullable Map<String, String> teams, @Nullable Map<String, String> clusterSelectors,
                                    @Nullable Map<String, String> kubeVersions, @Nullable String title) {}

    /** The change request, what it writes and deletes, and the warnings of the read (nothing blocking). */
    public record Converted(long changeRequestId, List<String> releases, List<String> environments, List<String> deleted, List<String> warnings) {}

    private final RepositoryCheck repositoryCheck;
    private final HelmfileReading reading;
    private final ConversionCharts charts;
    private final RepositoryConversions conversions;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    HelmfileConversions(RepositoryCheck repositoryCheck, HelmfileReading reading, ConversionCharts charts, RepositoryConversions conversions,
                        CurrentUser currentUser, ApplicationEventPublisher events) {
        this.repositoryCheck = repositoryCheck;
        this.reading = reading;
        this.charts = charts;
        this.conversions = conversions;
        this.currentUser = currentUser;
        this.events = events;
    }

    @Audited(value = "helmfile.conversion_proposed", targetType = "change_request", target = -1)
    public Converted convert(ConversionRequest request) {
        UserIdentity user = currentUser.require(Role.ADMIN);
        RepositoryCheck.Report main = repositoryCheck.onMain();
        if (main.readable()) {
            throw new ConflictException("main already is in Chartroom's layout: there is nothing to convert");
        }
        HelmfileReading.Result result = reading.read(main.commit(), false);
        List<Problem> problems = new ArrayList<>();
        for (HelmfileProblem p : result.problems()) {
            if (p.kind() != HelmfileProblem.Kind.WARNING) {
                problems.add(new Problem(p.file() + (p.line() > 0 ? ":" + p.line() : ""), p.message()));
            }
        }
        if (result.mapped().releases().isEmpty()) {
            problems.add(new Problem("releases", "the helmfile holds no release that is installed in any environment"));
        }
        List<EnvironmentDefinition> environments = HelmfileEnvironments.of(result.read(), request.clusterSelectors(), request.kubeVersions(), problems);
        List<ReleaseDescription> releases = new ArrayList<>();
        for (ReleaseMapping.Proposed proposed : result.mapped().releases()) {
            String team = team(request, proposed.name(), problems);
            ReleaseDescription release = charts.describe(proposed, team, environments.stream().map(EnvironmentDefinition::name).toList(),
                    result.read(), problems);
            if (release != null) {
                releases.add(release);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Map<String, @Nullable String> changes = new TreeMap<>();
        main.problems().forEach(p -> changes.put(p.path(), null)); // every file Chartroom cannot read goes; the layout's are written anew
        changes.put(RepositoryLayout.HELMFILE, RepositoryLayout.rootHelmfile());
        changes.put(RepositoryLayout.ENVIRONMENTS, EnvironmentsLayout.write(environments));
        releases.forEach(r -> changes.putAll(RepositoryLayout.releaseFiles(r)));
        List<String> deleted = changes.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
        String title = request.title() == null || request.title().isBlank() ? "Convert the helmfile repository to Chartroom's layout" : request.title().strip();
        long id = conversions.propose(main.commit(), changes, new Proposal(title, ConversionDescription.of(main.commit(), releases, environments,
                deleted), title));
        events.publishEvent(AuditEntry.of("helmfile.conversion_proposed", user.username()).target("change_request", String.valueOf(id))
                .changeRequest(id).detail("commit", main.commit()).detail("releases", releases.stream().map(ReleaseDescription::name).toList())
                .detail("environments", environments.stream().map(e -> e.name() + " (" + e.clusterSelector() + ")").toList())
                .detail("deleted", deleted.size()).build());
        return new Converted(id, releases.stream().map(ReleaseDescription::name).toList(), environments.stream().map(EnvironmentDefinition::name).toList(),
                deleted, result.problems().stream().filter(p -> p.kind() == HelmfileProblem.Kind.WARNING).map(HelmfileProblem::toString).toList());
    }

    private static String team(ConversionRequest request, String release, List<Problem> problems) {
        String team = request.teams() != null && request.teams().get(release) != null ? request.teams().get(release) : request.team();
        if (team == null || team.isBlank()) {
            problems.add(new Problem("team", "the team that will own the releases (or teams." + release + ")"));
            return "";
        }
        return team.strip();
    }
}
