package io.chartroom.changes.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import io.chartroom.changes.domain.Activity;
import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestState;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.changes.service.ChangeRequestService;
import io.chartroom.changes.service.PolicyStatus;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The approvals side of a change request says what is missing while it is open, and how it was merged without it after. */
class ChangeRequestSidebarTest {

    private static final Instant NOW = Instant.parse("2026-12-08T03:00:00Z");

    @Test
    void anOpenRequestWaitsForWhatIsMissing() {
        assertThat(policyText(details(ChangeRequestState.OPEN, List.of())))
                .contains("production: 1 approval from an APPROVER", "missing 1 more approval from an APPROVER")
                .doesNotContain("merged");
    }

    @Test
    void aRequestMergedByAnOverrideSaysWhoMergedItWithoutWhatAndWhy() {
        Activity override = new Activity(7, 96, Activity.Kind.OVERRIDDEN, "admin",
                "merged without production: 1 more approval from an APPROVER: hotfix for incident 42", NOW);
        assertThat(policyText(details(ChangeRequestState.MERGED, List.of(override))))
                .contains("merged by admin without 1 more approval from an APPROVER (hotfix for incident 42)")
                .doesNotContain("missing 1");
    }

    @Test
    void aClosedRequestSaysWhatWasMissing() {
        assertThat(policyText(details(ChangeRequestState.CLOSED, List.of()))).contains("was missing 1 more approval from an APPROVER");
    }

    private static String policyText(ChangeRequestService.Details details) {
        Component policy = new ChangeRequestSidebar(details).getChildren().filter(c -> c.getId().orElse("").equals("cr-policy"))
                .findFirst().orElseThrow();
        return text(policy);
    }

    private static String text(Component c) {
        String own = c.getElement().getText();
        return own + c.getChildren().map(ChangeRequestSidebarTest::text).collect(Collectors.joining(" "));
    }

    private static ChangeRequestService.Details details(ChangeRequestState state, List<Activity> activities) {
        ChangeRequest cr = new ChangeRequest(96, "Update web", "", state, ChangeKind.UPDATE, "web", "shop", "developer", List.of(),
                "cr/96", "a", "b", List.of("production"), null, null, null, null, null, null, null, NOW, NOW, 0);
        PolicyStatus policy = new PolicyStatus(List.of(new PolicyStatus.EnvironmentStatus("production", ApprovalPolicy.defaultFor("production"),
                List.of(), false, false, "1 more approval from an APPROVER")));
        ChangeReview review = new ChangeReview("a", "b", NOW, List.of(), List.of(), List.of());
        return new ChangeRequestService.Details(cr, review, policy, List.of(), activities,
                new ChangeRequestService.Mergeability(true, true, List.of()),
                new ChangeRequestService.Permissions(false, false, false, false, false, false, false, false, false), null);
    }
}
