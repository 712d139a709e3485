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
            default -> onKeptLayout(releases.review(release, base, head), release, head);
        };
    }

    /** A release's change on a kept helmfile layout is checked to apply what helmfile renders, too. */
    private ChangeReview onKeptLayout(ChangeReview review, String release, String head) {
        if (!repositoryCheck.mainIsKept() || repositoryCheck.readsAsWritten(head)) {
            return review;
        }
        List<ChangeReview.Check> checks = new java.util.ArrayList<>(review.checks());
        checks.add(conversions.keptLayoutCheck(release, head));
        return new ChangeReview(review.baseCommit(), review.headCommit(), review.computedAt(), review.files(), review.environments(), checks);
    }

    /** The environments a change request is filed under (and, for a release, whose policies apply): the changed ones, else all. */
    static List<String> policyEnvironments(ChangeReview review) {
        List<String> changed = review.changedEnvironments();
        return changed.isEmpty() ? review.environments().stream().map(ChangeReview.EnvironmentChange::environment).distinct().toList() : changed;
    }
}
