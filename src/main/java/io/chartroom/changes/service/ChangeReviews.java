package io.chartroom.changes.service;

import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.changes.domain.ChangeReview;
import java.util.List;
import org.springframework.stereotype.Component;

/** The review of a change request's head against its base: a release's (values, rendered objects), several releases', the environments', or a conversion's. */
@Component
class ChangeReviews {

    private final ReleaseReviewer releases;
    private final EnvironmentsReviewer environments;
    private final ConversionReviewer conversions;

    ChangeReviews(ReleaseReviewer releases, EnvironmentsReviewer environments, ConversionReviewer conversions) {
        this.releases = releases;
        this.environments = environments;
        this.conversions = conversions;
    }

    ChangeReview review(ChangeKind kind, String release, String base, String head) {
        return switch (kind) {
            case ENVIRONMENTS -> environments.review(base, head);
            case BULK -> releases.reviewSeveral(base, head);
            case CONVERT -> conversions.review(base, head);
            default -> releases.review(release, base, head);
        };
    }

    /** The environments a change request is filed under (and, for a release, whose policies apply): the changed ones, else all. */
    static List<String> policyEnvironments(ChangeReview review) {
        List<String> changed = review.changedEnvironments();
        return changed.isEmpty() ? review.environments().stream().map(ChangeReview.EnvironmentChange::environment).distinct().toList() : changed;
    }
}
