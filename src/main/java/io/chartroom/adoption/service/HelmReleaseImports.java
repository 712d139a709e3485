package io.chartroom.adoption.service;

import io.chartroom.adoption.domain.HelmAdoption;
import io.chartroom.adoption.domain.HelmAdoptionRepository;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.InvalidInputException.Problem;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.Audited;
import io.chartroom.clusters.domain.HelmRelease;
import io.chartroom.clusters.service.HelmReleasesOnCluster;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.ReleaseDraftService;
import io.chartroom.releases.service.ReleaseSubmissions;
import io.chartroom.releases.service.RenderedManifests;
import io.chartroom.releases.service.RenderedTarget;
import io.chartroom.releases.values.SecretFields;
import io.chartroom.releases.values.ValuesPaths;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Imports a Helm release found on a cluster as a Chartroom release (ADMIN), through a change request like any other: the
 * chart from a registered repository with that name and version, Helm's user-supplied values as the release's
 * values (a literal secret among them only as a reference the importer gives: it would otherwise land in Git), in
 * the environment that selects the cluster. The change request's description compares what Helm applied with what
 * Chartroom will apply, object by object; ideally nothing differs.
 */
@Service
public class HelmReleaseImports {

    /** What the importer decides: where it goes and who owns it; null takes the only choice there is. */
    public record ImportRequest(String team, @org.jspecify.annotations.Nullable String environment, @org.jspecify.annotations.Nullable String name,
                                @org.jspecify.annotations.Nullable String repository, @org.jspecify.annotations.Nullable Map<String, String> references) {}

    public record Imported(long changeRequestId, String release, String environment, String repository, ManifestComparison comparison) {}

    private final HelmReleasesOnCluster helmReleases;
    private final ImportTargets targets;
    private final ReleaseDraftService drafts;
    private final ReleaseSubmissions submissions;
    private final HelmAdoptionRepository adoptions;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    HelmReleaseImports(HelmReleasesOnCluster helmReleases, ImportTargets targets, ReleaseDraftService drafts, ReleaseSubmissions submissions,
                       HelmAdoptionRepository adoptions, CurrentUser currentUser, ApplicationEventPublisher events, Clock clock) {
        this.helmReleases = helmReleases;
        this.targets = targets;
        this.drafts = drafts;
        this.submissions = submissions;
        this.adoptions = adoptions;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /** What an import will ask for: the environments that select the cluster, and the paths of Helm's values that need a reference. */
    public record Plan(List<String> environments, List<String> secretPaths, String chart) {}

    public Plan plan(String cluster, String namespace, String helmName) {
        currentUser.require(Role.ADMIN);
        HelmRelease helm = helmReleases.read(cluster, namespace, helmName);
        ImportTargets.Chart chart = targets.chart(helm.chart(), helm.chartVersion(), null);
        return new Plan(targets.environments(cluster), drafts.literalSecrets(chart.versionId(), helm.values()).stream().map(ValuesPaths::text).toList(),
                chart.repository() + "/" + helm.chart() + " " + helm.chartVersion());
    }

    @Audited(value = "cluster.helm_release_imported", targetType = "cluster")
    public Imported importRelease(String cluster, String namespace, String helmName, ImportRequest request) {
        // ADMIN: the values come from a cluster, not from a team's draft, and Chartroom knows no owner of a namespace
        UserIdentity user = currentUser.require(Role.ADMIN);
        if (request.team() == null || request.team().isBlank()) {
            throw InvalidInputException.of("team", "the team that will own the release");
        }
        HelmRelease helm = helmReleases.read(cluster, namespace, helmName);
        String environment = targets.environment(cluster, request.environment());
        ImportTargets.Chart chart = targets.chart(helm.chart(), helm.chartVersion(), request.repository());
        Map<String, Object> values = withReferences(chart.versionId(), helm.values(), request.references() == null ? Map.of() : request.references());
        String name = request.name() == null || request.name().isBlank() ? helm.name() : request.name().strip();
        ReleaseDraft draft = new ReleaseDraft(name, namespace, request.team().strip(), chart.versionId(), List.of(environment), ValuesYaml.dump(values),
                Map.of(environment, ""));
        RenderedTarget rendered = drafts.preview(draft, List.of(environment)).stream().filter(t -> t.clusters().contains(cluster)).findFirst()
                .orElseThrow(() -> InvalidInputException.of("environment", environment + " does not render for " + cluster));
        if (!rendered.ok()) {
            throw InvalidInputException.of("values", "the chart does not render with Helm's values: " + rendered.error());
        }
        ManifestComparison comparison = ManifestComparison.of(rendered.objects(), RenderedManifests.split(helm.manifest(), namespace));
        long id = submissions.submit(draft, null, new Proposal("Adopt Helm release " + namespace + "/" + helmName + " from " + cluster,
                ImportDescription.of(cluster, helm, chart.repository(), comparison), "Adopt Helm release " + namespace + "/" + helmName + " from " + cluster));
        adoptions.save(new HelmAdoption(cluster, namespace, helmName, name, environment, id, user.username(), clock.instant()));
        events.publishEvent(AuditEntry.of("cluster.helm_release_imported", user.username()).target("cluster", cluster).cluster(cluster)
                .release(name).environment(environment).changeRequest(id).detail("helmRelease", namespace + "/" + helmName)
                .detail("chart", chart.repository() + "/" + helm.chart() + " " + helm.chartVersion()).detail("noChange", comparison.noChange()).build());
        return new Imported(id, name, environment, chart.repository(), comparison);
    }

    /**
     * Helm's values with each literal secret replaced by the importer's reference for it. A secret without one is a
     * problem (it names the path); so is a reference for a path that is no secret, or one that is not a reference.
     */
    private Map<String, Object> withReferences(long versionId, Map<String, Object> helmValues, Map<String, String> references) {
        Map<String, Object> values = ValuesTree.copy(helmValues);
        List<Problem> problems = new ArrayList<>();
        Map<String, String> unused = new HashMap<>(references);
        for (List<Object> path : drafts.literalSecrets(versionId, values)) {
            String text = ValuesPaths.text(path);
            String reference = unused.remove(text);
            if (reference == null) {
                problems.add(new Problem("references." + text, "Helm's values hold a secret here: give a reference to where it is kept (such as "
                        + "ref+awsssm://path/to/parameter); as a value it would be stored in Git"));
            } else if (!SecretFields.isReference(reference.strip())) {
                problems.add(new Problem("references." + text, "not a reference: ref+awsssm://path/to/parameter"));
            } else {
                ValuesTree.set(values, path, reference.strip());
            }
        }
        unused.keySet().forEach(path -> problems.add(new Problem("references." + path, "no secret of Helm's values is at " + path)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return values;
    }
}
