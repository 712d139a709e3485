package io.chartroom.adoption.service;

import io.chartroom.adoption.helmfile.HelmfileProblem;
import io.chartroom.adoption.helmfile.HelmfileRead;
import io.chartroom.adoption.helmfile.ReleaseMapping;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.Audited;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Reads the GitOps repository's main (a team's helmfile repository, as the configured remote gave it) the way
 * helmfile does, with every template run by Helm's engine in the render workers: what environments and releases
 * it holds and every file and line that could not be read. Nothing is written. Values are counted, never shown:
 * a team's values may hold secrets.
 */
@Service
public class HelmfileImports {

    /**
     * {@code releases}: as helmfile reads them, per environment; {@code proposed}: what they would become in Chartroom
     * (one release across its environments, values split into shared and per environment).
     */
    public record Report(String commit, List<EnvironmentRow> environments, List<ReleaseRow> releases, List<ProposedRow> proposed,
                         Map<String, String> repositories, List<HelmfileProblem> problems, boolean readable) {}

    /** A release as Chartroom would hold it: counts of its shared values and of each environment layer's, never the values. */
    public record ProposedRow(String name, String namespace, @Nullable String repository, @Nullable String repositoryUrl, String chart,
                              Map<String, String> versions, List<String> environments, int sharedValueCount,
                              Map<String, Integer> environmentValueCounts, Map<String, String> sources, String file) {}

    public record EnvironmentRow(String name, @Nullable String kubeContext, int valueCount) {}

    public record ReleaseRow(String environment, String name, String namespace, String chart, @Nullable String version, boolean installed,
                             Map<String, String> labels, List<String> needs, String file, int valueCount) {}

    private final GitOpsRepository gitops;
    private final HelmfileReading reading;
    private final GitUrlFetch fetch;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    HelmfileImports(GitOpsRepository gitops, HelmfileReading reading, GitUrlFetch fetch, CurrentUser currentUser, ApplicationEventPublisher events) {
        this.gitops = gitops;
        this.reading = reading;
        this.fetch = fetch;
        this.currentUser = currentUser;
        this.events = events;
    }

    public Report readMain() {
        currentUser.require(Role.DEVELOPER);
        return report(reading.read(gitops.main(), false));
    }

    /**
     * A team's repository at a Git URL, read the same way (ADMIN: the portal fetches what the URL names). Fetched one
     * commit deep into a scratch directory and deleted once read; nothing is written anywhere.
     */
    @Audited(value = "helmfile.url_read", targetType = "git_url", target = -1) // the URL as typed may hold a token: never audited
    public Report readUrl(String url, @Nullable String branch, @Nullable String username, @Nullable String password) {
        UserIdentity user = currentUser.require(Role.ADMIN);
        if (url == null || url.isBlank()) {
            throw io.chartroom.base.error.InvalidInputException.of("url", "the repository's http(s) URL");
        }
        io.chartroom.gitops.service.ForeignFetch.Fetched[] fetched = new io.chartroom.gitops.service.ForeignFetch.Fetched[1];
        // fetched inside the read's turn, so that two fetches do not run at once either
        HelmfileReading.Result result = reading.read("", () -> {
            fetched[0] = fetch.fetch(url, branch, username, password);
            return fetched[0].texts();
        }, false);
        events.publishEvent(AuditEntry.of("helmfile.url_read", user.username()).target("git_url", GitUrlFetch.shown(url))
                .detail("branch", branch == null || branch.isBlank() ? "(default)" : branch.strip()).detail("commit", fetched[0].commit())
                .detail("releases", result.read().releases().size()).build());
        return report(new HelmfileReading.Result(fetched[0].commit(), result.read(), result.mapped(), result.problems()));
    }

    private static Report report(HelmfileReading.Result result) {
        HelmfileRead read = result.read();
        return new Report(result.commit(),
                read.environments().stream().map(e -> new EnvironmentRow(e.name(), e.kubeContext(), e.values().size())).toList(),
                read.releases().stream().map(r -> new ReleaseRow(r.environment(), r.name(), r.namespace(), r.chart(), r.version(), r.installed(),
                        r.labels(), r.needs(), r.file(), r.values().size())).toList(),
                result.mapped().releases().stream().map(HelmfileImports::row).toList(),
                read.repositories(), result.problems(), read.readable());
    }

    private static ProposedRow row(ReleaseMapping.Proposed p) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        p.environmentValues().forEach((environment, values) -> counts.put(environment, values.size()));
        return new ProposedRow(p.name(), p.namespace(), p.repository(), p.repositoryUrl(), p.chart(), p.versions(), p.environments(),
                p.values().size(), counts, p.sources(), p.file());
    }
}
