package io.chartroom.changes.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.changes.domain.ChangeReview.CheckStatus;
import io.chartroom.changes.domain.ChangeReview.EnvironmentChange;
import io.chartroom.changes.domain.ChangeReview.ObjectChange;
import io.chartroom.changes.domain.ChangeReview.ObjectStatus;
import io.chartroom.changes.domain.ChangeReview.TargetDiff;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 20, item 4b: a conversion's check passes only when both ways render the same objects everywhere. */
class ConversionCheckTest {

    private static EnvironmentChange section(String release, TargetDiff target) {
        return new EnvironmentChange("production", true, true, "a: 1\n", "a: 1\n", List.of(target)).ofRelease(release);
    }

    private static ObjectChange object(String name, ObjectStatus status) {
        return new ObjectChange("ConfigMap", "v1", "shop", name, status, null, null, null);
    }

    @Test
    void nothingDifferingPassesAndAnyDifferenceErrorOrProblemFailsNamingWhere() {
        TargetDiff same = new TargetDiff("1.31", List.of("prod-1"), null, null, List.of(object("settings", ObjectStatus.UNCHANGED)));
        ChangeReview.Check passed = ConversionReviewer.check(List.of(section("web", same)), List.of());
        assertThat(passed.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(passed.summary()).isEqualTo("no change: 1 release environment(s), 1 group(s) of clusters render the same objects both ways");

        TargetDiff changed = new TargetDiff("1.31", List.of("prod-1", "prod-2"), null, "template: boom", List.of(
                object("settings", ObjectStatus.CHANGED), object("extra", ObjectStatus.ADDED), object("settings", ObjectStatus.UNCHANGED)));
        ChangeReview.Check failed = ConversionReviewer.check(List.of(section("web", same), section("api", changed)),
                List.of("release old is in the converted layout but not in the helmfile"));
        assertThat(failed.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(failed.details()).containsExactly("release old is in the converted layout but not in the helmfile",
                "api · production (Kubernetes 1.31, prod-1, prod-2): the Chartroom way does not render: template: boom",
                "api · production (Kubernetes 1.31, prod-1, prod-2): ConfigMap/shop/settings changed",
                "api · production (Kubernetes 1.31, prod-1, prod-2): ConfigMap/shop/extra added");
        assertThat(ConversionReviewer.check(List.of(), List.of()).status()).as("nothing to compare is no proof").isEqualTo(CheckStatus.FAILED);
    }
}
