package io.chartroom.home.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestQuery;
import io.chartroom.changes.domain.ChangeRequestState;
import io.chartroom.changes.service.ChangeRequestService;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.service.ReleaseStatusService;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;

/** The start page: what Chartroom does, and what this user should do first given their role. */
@Route("")
@PageTitle("Home")
@Menu(order = 0, icon = "vaadin:home", title = "Home")
@PermitAll
public class HomeView extends VerticalLayout {

    public HomeView(CurrentUser currentUser, ChangeRequestService changes, ReleaseStatusService status) {
        UserIdentity user = currentUser.get();
        addClassName("home-view");
        setMaxWidth("60rem");

        H2 welcome = new H2("Welcome, " + user.displayName());
        welcome.setId("welcome");
        Paragraph what = new Paragraph("Chartroom runs Helm charts on many Kubernetes clusters through Git. "
                + "You pick a chart, describe the release for each environment, and submit. Chartroom commits that to "
                + "the GitOps repository as a change request; reviewers see exactly what changes on every cluster and "
                + "approve; after the merge, Chartroom applies it to every cluster of each environment and keeps "
                + "watching for drift. Every step is in the audit log.");

        OrderedList flow = new OrderedList();
        flow.addClassName("flow-steps");
        for (String[] step : new String[][] {
                {"Catalog", "charts from the registered Helm repositories"},
                {"Release", "values per environment, validated against the chart's schema, with a rendered preview"},
                {"Change request", "a reviewed pull request with the manifest diff per cluster"},
                {"Reconcile", "applied to every selected cluster, with health, pruning and drift alerts"}}) {
            flow.add(new ListItem(new Span(step[0]), new Span(" — " + step[1])));
        }

        H3 first = new H3("What to do first");
        OrderedList todo = new OrderedList();
        todo.setId("first-steps");
        firstSteps(user).forEach(s -> todo.add(new ListItem(s)));
        Div steps = new Div(first, todo);
        steps.addClassName("first-steps");
        add(welcome, dashboard(changes, status), what, flow, steps);
    }

    /** What needs attention now: reviews waiting for this user, recent merges, units that are failing or drifted. */
    private static Div dashboard(ChangeRequestService changes, ReleaseStatusService status) {
        Div grid = new Div();
        grid.setId("dashboard");
        grid.addClassName("dashboard");

        // one pass over the open change requests (each needs its approvals checked), for the count and the first five
        List<ChangeRequest> waitingForMe = changes.list(new ChangeRequestQuery(ChangeRequestState.OPEN, null, null, null), true, 0,
                Integer.MAX_VALUE);
        int waiting = waitingForMe.size();
        Div review = card("dashboard-waiting", waiting, waiting == 1 ? "change request waits for your review" : "change requests wait for your review",
                "change-requests", false);
        waitingForMe.stream().limit(5).forEach(cr -> review.add(item("change-requests/" + cr.id(), "#" + cr.id() + " " + cr.title())));

        List<ChangeRequest> merged = changes.list(new ChangeRequestQuery(ChangeRequestState.MERGED, null, null, null), false, 0, 5);
        int mergedCount = changes.count(new ChangeRequestQuery(ChangeRequestState.MERGED, null, null, null), false);
        Div merges = card("dashboard-merges", mergedCount, "merged change requests; the latest:", "change-requests", false);
        merged.forEach(cr -> merges.add(item("change-requests/" + cr.id(),
                "#" + cr.id() + " " + cr.title() + " · " + cr.mergedBy() + ", " + Timestamps.format(cr.mergedAt()))));
        if (merged.isEmpty()) {
            merges.add(new Span("Nothing merged yet."));
        }

        List<UnitStatus> problems = status.problems(); // a rollout in progress is not a problem (yet)
        Div failing = card("dashboard-problems", problems.size(),
                problems.size() == 1 ? "release on a cluster is failing, drifted or unhealthy" : "releases on clusters are failing, drifted or unhealthy",
                "problems", !problems.isEmpty());
        problems.stream().limit(5).forEach(u -> failing.add(item("releases/" + u.key().release(),
                u.key().release() + " on " + u.key().cluster() + ": " + u.sync().name().toLowerCase().replace('_', ' ') + ", "
                        + u.health().name().toLowerCase())));
        grid.add(review, merges, failing);
        return grid;
    }

    private static Div card(String id, int count, String label, String link, boolean bad) {
        Span number = new Span(String.valueOf(count));
        number.addClassName("dashboard-count");
        Anchor text = new Anchor(link, label);
        text.addClassName("dashboard-label");
        Div card = new Div(number, text);
        card.setId(id);
        card.addClassName("dashboard-card");
        if (bad) {
            card.addClassName("dashboard-bad");
        }
        return card;
    }

    private static Anchor item(String href, String text) {
        Anchor a = new Anchor(href, text);
        a.addClassName("dashboard-item");
        return a;
    }

    static List<String> firstSteps(UserIdentity user) {
        List<String> steps = new ArrayList<>();
        if (user.hasRole(Role.ADMIN)) {
            steps.add("Register your chart repositories and check that they sync.");
            steps.add("Define the environments (dev, staging, production) with their approval rules.");
            steps.add("Register the clusters and label them so that each environment selects its clusters.");
        }
        if (user.hasRole(Role.APPROVER)) {
            steps.add("Review the change requests that wait for your approval.");
        }
        if (user.hasRole(Role.DEVELOPER)) {
            steps.add("Pick a chart in the catalog and create a release for your team"
                    + (user.teams().isEmpty() ? "" : " (" + String.join(", ", user.teams()) + ")") + ".");
        }
        steps.add("Create a personal access token (Access tokens) to use the REST API or clone the GitOps repository.");
        if (!user.hasRole(Role.DEVELOPER)) {
            steps.add("Browse the catalog and follow the state of releases across clusters.");
        }
        return steps;
    }
}
