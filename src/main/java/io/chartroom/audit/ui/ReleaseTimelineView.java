package io.chartroom.audit.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.audit.domain.AuditRecord;
import io.chartroom.audit.service.ReleaseTimeline;
import io.chartroom.base.ui.Timestamps;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One release's history from the audit log, oldest first: each change request (opened, commits, approvals,
 * merge, with a link to its diffs), then what the reconciler did on every cluster.
 */
@Route("releases/:name([a-z0-9][-a-z0-9]*)/history")
@PermitAll
public class ReleaseTimelineView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReleaseTimeline timeline;
    private String release = "";

    public ReleaseTimelineView(ReleaseTimeline timeline) {
        this.timeline = timeline;
        setMaxWidth("70rem");
    }

    @Override
    public String getPageTitle() {
        return "History of " + release;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        release = event.getRouteParameters().get("name").orElse("");
        removeAll();
        Anchor back = new Anchor("releases/" + release, "← Status of " + release);
        H2 title = new H2("History of " + release);
        Paragraph intro = new Paragraph("From the first submission through every change request, approval and merge to each "
                + "apply on each cluster, as recorded in the audit log.");
        intro.addClassName("view-intro");
        add(back, title, intro);
        List<AuditRecord> records = timeline.of(release);
        if (records.isEmpty()) {
            Paragraph empty = new Paragraph("Nothing has been recorded for " + release + " yet.");
            empty.addClassName("empty-state");
            add(empty);
            return;
        }
        Div list = new Div();
        list.setId("timeline");
        list.addClassName("timeline");
        records.forEach(r -> list.add(entry(r)));
        add(list);
    }

    private static Component entry(AuditRecord r) {
        Div row = new Div();
        row.addClassNames("timeline-entry", "timeline-" + r.action().replace('.', '-').replace('_', '-'));
        Span when = new Span(Timestamps.seconds(r.occurredAt()) + " UTC");
        when.addClassName("timeline-time");
        Span what = new Span(describe(r));
        what.addClassName("timeline-what");
        Span who = new Span(r.actor());
        who.addClassName("timeline-actor");
        row.add(when, what, who);
        if (!"SUCCESS".equals(r.outcome())) {
            row.add(AuditView.outcomeBadge(r.outcome()));
            String error = detail(details(r), "error");
            if (error != null) {
                Span why = new Span(error);
                why.addClassName("timeline-why");
                row.add(why);
            }
        }
        if (r.changeRequest() != null) {
            Anchor link = new Anchor("change-requests/" + r.changeRequest(), "#" + r.changeRequest() + " diffs");
            link.addClassName("timeline-link");
            row.add(link);
        }
        return row;
    }

    /** The action in words. */
    static String describe(AuditRecord r) {
        String where = r.cluster() == null ? "" : " on " + r.cluster() + (r.environment() == null ? "" : " (" + r.environment() + ")");
        String cr = r.changeRequest() == null ? "" : " #" + r.changeRequest();
        JsonNode details = details(r);
        String revision = shortRevision(detail(details, "revision"));
        return switch (r.action()) {
            case "change_request.opened" -> "Change request" + cr + " opened: " + orEmpty(detail(details, "title"));
            case "change_request.committed" -> "New commit on change request" + cr;
            case "change_request.updated_from_main" -> "Change request" + cr + " updated from main";
            case "change_request.approved" -> "Change request" + cr + " approved";
            case "change_request.commented" -> "Comment on change request" + cr;
            case "change_request.merged" -> "Change request" + cr + " merged";
            case "change_request.closed" -> "Change request" + cr + " closed";
            case "change_request.reopened" -> "Change request" + cr + " reopened";
            case "change_request.revert_opened" -> "Revert of change request" + cr + " opened";
            case "reconcile.started" -> "Applying " + revision + where;
            case "reconcile.applied", "reconcile.reapplied" -> "Applied " + revision + where;
            case "reconcile.failed" -> "Apply failed" + where;
            case "reconcile.pruned" -> "Pruned objects" + where;
            case "reconcile.orphaned" -> "Orphaned: the environment no longer selects the cluster; objects kept" + where;
            case "reconcile.prune_held" -> "Removal or prune held for an admin's confirmation" + where;
            case "reconcile.drift_detected" -> "Drift detected" + where;
            case "reconcile.drift_healed" -> "Drift healed" + where;
            case "reconcile.drift_persists" -> "Drift persists after a heal: not healed again" + where;
            case "reconcile.tests_passed" -> "Tests passed" + where;
            case "reconcile.tests_failed" -> "Tests failed" + where;
            case "reconcile.secrets_rotated" -> "Generated secrets rotated" + where;
            case "reconcile.sync_requested" -> "Sync requested";
            default -> r.action() + where;
        };
    }

    /** The row's details, parsed once per row; an empty object when they do not parse. */
    private static JsonNode details(AuditRecord r) {
        try {
            return JSON.readTree(r.details());
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    private static String detail(JsonNode details, String key) {
        JsonNode node = details == null ? null : details.get(key);
        return node == null || node.isNull() ? null : node.isValueNode() ? node.asString() : node.toString();
    }

    private static String shortRevision(String revision) {
        return revision == null ? "" : revision.substring(0, Math.min(7, revision.length()));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
