package io.chartroom.changes.service;

import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.changes.domain.ChangeReview.Check;
import io.chartroom.changes.domain.ChangeReview.CheckStatus;
import io.chartroom.changes.domain.ChangeReview.EnvironmentChange;
import io.chartroom.changes.domain.ChangeReview.TargetDiff;
import io.chartroom.releases.service.ConversionComparisons;
import io.chartroom.releases.service.RenderedTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The review of a conversion to Chartroom's layout: per release, environment and group of clusters, the objects
 * rendered the helmfile way (before) and the Chartroom way (after). Its check passes only when nothing differs
 * anywhere; any difference, or a side that does not render, fails it and so blocks the merge.
 */
@Component
class ConversionReviewer {

    static final String CHECK = "Conversion: no change on any cluster";
    static final String KEPT_CHECK = "Kept helmfile layout: Chartroom applies what helmfile renders";

    private final ConversionComparisons comparisons;
    private final ReleaseReviewer releases;
    private final Clock clock;

    ConversionReviewer(ConversionComparisons comparisons, ReleaseReviewer releases, Clock clock) {
        this.comparisons = comparisons;
        this.releases = releases;
        this.clock = clock;
    }

    ChangeReview review(String base, String head) {
        ConversionComparisons.Comparison comparison = comparisons.compare(base, head, null);
        List<EnvironmentChange> environments = environments(comparison);
        return new ChangeReview(base, head, clock.instant(), releases.files(base, head), environments,
                List.of(check(environments, comparison.problems())));
    }

    /**
     * A change request on a kept helmfile layout: the releases it changes, at the head, rendered the helmfile way and as
     * Chartroom reads it (what the reconciler will apply), per environment and group of clusters; any difference
     * fails the check and blocks the merge.
     */
    Check keptLayoutCheck(java.util.Set<String> releases, String head) {
        ConversionComparisons.Comparison comparison = comparisons.compare(head, head, releases);
        Check compared = check(environments(comparison), comparison.problems());
        return new Check(KEPT_CHECK, compared.status(), compared.summary(), compared.details());
    }

    private static List<EnvironmentChange> environments(ConversionComparisons.Comparison comparison) {
        List<EnvironmentChange> environments = new ArrayList<>();
        for (ConversionComparisons.Pair pair : comparison.pairs()) {
            environments.add(new EnvironmentChange(pair.environment(), true, true, pair.helmfileValues(), pair.chartroomValues(),
                    targets(pair.helmfile(), pair.chartroom())).ofRelease(pair.release()));
        }
        return environments;
    }

    static Check check(List<EnvironmentChange> environments, List<String> problems) {
        List<String> details = new ArrayList<>(problems);
        int targets = 0;
        for (EnvironmentChange e : environments) {
            for (TargetDiff t : e.targets()) {
                targets++;
                String where = e.title() + " (Kubernetes " + t.kubeVersion() + (t.clusters().isEmpty() ? "" : ", " + String.join(", ", t.clusters())) + ")";
                if (t.errorBefore() != null) {
                    details.add(where + ": the helmfile way does not render: " + t.errorBefore());
                }
                if (t.errorAfter() != null) {
                    details.add(where + ": the Chartroom way does not render: " + t.errorAfter());
                }
                t.objects().stream().filter(o -> o.status() != ChangeReview.ObjectStatus.UNCHANGED)
                        .forEach(o -> details.add(where + ": " + o.id() + " " + o.status().name().toLowerCase()));
            }
        }
        if (environments.isEmpty() && problems.isEmpty()) {
            details.add("no release to compare: the helmfile holds none that is installed");
        }
        return details.isEmpty()
                ? new Check(CHECK, CheckStatus.PASSED, "no change: " + environments.size() + " release environment(s), " + targets
                        + " group(s) of clusters render the same objects both ways", List.of())
                : new Check(CHECK, CheckStatus.FAILED, details.size() + " difference(s): the merge is blocked until there are none", details);
    }

    /** Targets matched by Kubernetes version: the helmfile way before, the Chartroom way after. */
    private static List<TargetDiff> targets(List<RenderedTarget> helmfile, List<RenderedTarget> chartroom) {
        Map<String, RenderedTarget> before = byVersion(helmfile);
        Map<String, RenderedTarget> after = byVersion(chartroom);
        Set<String> versions = new LinkedHashSet<>(after.keySet());
        versions.addAll(before.keySet());
        List<TargetDiff> diffs = new ArrayList<>();
        for (String version : versions) {
            RenderedTarget b = before.get(version);
            RenderedTarget a = after.get(version);
            diffs.add(new TargetDiff(version, a != null ? a.clusters() : b.clusters(),
                    b == null ? "not rendered for this Kubernetes version" : b.ok() ? null : b.error(),
                    a == null ? "not rendered for this Kubernetes version" : a.ok() ? null : a.error(),
                    ReleaseReviewer.objects(b == null || !b.ok() ? List.of() : b.objects(), a == null || !a.ok() ? List.of() : a.objects())));
        }
        return diffs;
    }

    private static Map<String, RenderedTarget> byVersion(List<RenderedTarget> targets) {
        Map<String, RenderedTarget> byVersion = new LinkedHashMap<>();
        targets.forEach(t -> byVersion.put(t.kubeVersion() == null ? "(not rendered)" : t.kubeVersion(), t));
        return byVersion;
    }
}
