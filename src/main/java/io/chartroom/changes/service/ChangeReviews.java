package io.chartroom.changes.service;

import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.gitops.service.RepositoryCheck;
import java.util.List;
import org.springframework.stereotype.Component;

/** The review of a change request's head against its base: a release's (values, rendered objects), several releases', the environments', or a conversion's. */
@Component
class ChangeReviews {

    private final ReleaseReviewer releases;
    private final EnvironmentsReviewer environments;
    private final ConversionReviewer conversions;
    private final RepositoryCheck repositoryCheck;

    ChangeReviews(ReleaseReviewer releases, EnvironmentsReviewer environments, ConversionReviewer conversions, RepositoryCheck repositoryCheck) {
        this.releases = releases;
        this.environments = environments;
        this.conversions = conversions;
        this.repositoryCheck = repositoryCheck;
    }

    ChangeReview review(ChangeKind kind, String release, String base, String head) {
        return switch (kind) {
            case ENVIRONMENTS -> environments.review(base, head);
            case BULK -> releases.reviewSeveral(base, head);
            case CONVERT -> conversions.review(base, head);
            default -> onKeptLayout(release, base, head);
        };
    }

    /**
     * A change of a kept helmfile layout is reviewed for every release its files change (one shared values file may
     * change several, in environments the named release does not run in), and checked to apply what helmfile renders.
     */
    private ChangeReview onKeptLayout(String release, String base, String head) {
        if (!repositoryCheck.mainIsKept() || repositoryCheck.readsAsWritten(head)) {
            return releases.review(release, base, head);
        }
        ChangeReview review = releases.reviewSeveral(base, head);
        java.util.Set<String> changed = new java.util.TreeSet<>();
        review.environments().stream().map(ChangeReview.EnvironmentChange::release).filter(java.util.Objects::nonNull).forEach(changed::add);
        changed.add(release);
        List<ChangeReview.Check> checks = new java.util.ArrayList<>(review.checks());
        checks.add(conversions.keptLayoutCheck(changed, head));
        return new ChangeReview(review.baseCommit(), review.headCommit(), review.computedAt(), review.files(), review.environments(), checks);
    }

    /** The environments a change request is filed under (and, for a release, whose policies apply): the changed ones, else all. */
    static List<String> policyEnvironments(ChangeReview review) {
        List<String> changed = review.changedEnvironments();
        return changed.isEmpty() ? review.environments().stream().map(ChangeReview.EnvironmentChange::environment).distinct().toList() : changed;
    }
}
