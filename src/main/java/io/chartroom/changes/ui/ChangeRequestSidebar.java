package io.chartroom.changes.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.chartroom.changes.domain.Activity;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.changes.service.ChangeRequestService;
import io.chartroom.changes.service.PolicyStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The side of a change request's page: where it stands against the approval policy, the checks, and whether it merges. */
class ChangeRequestSidebar extends Div {

    ChangeRequestSidebar(ChangeRequestService.Details d) {
        addClassName("cr-side");
        add(new H3("Approvals"));
        Div policy = new Div();
        policy.setId("cr-policy");
        for (PolicyStatus.EnvironmentStatus env : d.policy().environments()) {
            String approvedBy = env.counted().isEmpty() ? "" : "approved by " + String.join(", ", env.counted());
            policy.add(statusRow(env.met(), env.environment() + ": " + env.policy().describe(),
                    env.met() ? (approvedBy.isEmpty() ? "nothing needed" : approvedBy)
                            : unmet(d, env) + (approvedBy.isEmpty() ? "" : "; " + approvedBy)));
        }
        add(policy);
        List<String> dismissed = d.approvals().stream().filter(a -> !a.active())
                .map(a -> a.approver() + " (" + a.dismissedReason() + ")").toList();
        if (!dismissed.isEmpty()) {
            Span note = new Span("Dismissed: " + String.join(", ", dismissed));
            note.addClassName("cr-note");
            add(note);
        }
        add(new H3("Checks"));
        add(checks(d.review()));
        if (d.changeRequest().open()) {
            add(new H3("Merge"));
            ChangeRequestService.Mergeability m = d.mergeability();
            Div mergeability = statusRow(m.clean(), m.upToDate() ? "Up to date with main" : m.clean()
                    ? "Main moved on; merges cleanly" : "Conflicts with main", m.clean() ? null : String.join(", ", m.conflicts()));
            mergeability.setId("cr-mergeability");
            add(mergeability);
        }
    }

    /**
     * An environment whose policy is not met: still missing approvals while the change request is open; once it is
     * merged, that an ADMIN merged it without them (and why), not a wait that is over.
     */
    private static String unmet(ChangeRequestService.Details d, PolicyStatus.EnvironmentStatus env) {
        if (d.changeRequest().open()) {
            return "missing " + env.missing();
        }
        return d.activities().stream().filter(a -> a.kind() == Activity.Kind.OVERRIDDEN).findFirst()
                .map(a -> "merged by " + a.actor() + " without " + env.missing() + reason(d, a.body()))
                .orElse("was missing " + env.missing());
    }

    /** The override's reason: the activity records "merged without <what was missing>: <reason>" (MergeService). */
    private static String reason(ChangeRequestService.Details d, String body) {
        String prefix = "merged without " + String.join("; ", d.policy().missing()) + ": ";
        return " (" + (body.startsWith(prefix) ? body.substring(prefix.length()) : body) + ")";
    }

    private static Div checks(ChangeReview review) {
        Div checks = new Div();
        checks.setId("cr-checks");
        for (ChangeReview.Check c : review.checks()) {
            Div row = statusRow(c.status() != ChangeReview.CheckStatus.FAILED, c.name() + ": " + c.summary(), null);
            if (c.status() == ChangeReview.CheckStatus.WARNING) {
                row.addClassName("status-warning");
            }
            // a check may find hundreds of problems; the first few say enough
            c.details().stream().limit(8).forEach(detail -> {
                Span line = new Span(detail);
                line.addClassName("cr-check-detail");
                row.add(line);
            });
            checks.add(row);
        }
        return checks;
    }

    private static Div statusRow(boolean ok, String text, @Nullable String detail) {
        Div row = new Div();
        row.addClassNames("status-row", ok ? "status-ok" : "status-missing");
        Span icon = new Span((ok ? VaadinIcon.CHECK_CIRCLE : VaadinIcon.CIRCLE_THIN).create());
        Span label = new Span(text);
        label.addClassName("status-label");
        row.add(icon, label);
        if (detail != null && !detail.isBlank()) {
            Span d = new Span(detail);
            d.addClassName("status-detail");
            row.add(d);
        }
        return row;
    }
}
