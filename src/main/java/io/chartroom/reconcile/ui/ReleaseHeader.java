package io.chartroom.reconcile.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.QueryParameters;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Notifications;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.reconcile.service.ReleaseStatusService;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import java.util.Optional;

/**
 * The top of a release's page: its name and chart (and a newer version when there is one), and what the user may
 * do: its history, versions and change requests; edit it (its team), or read that it is another team's; sync and
 * run its tests (approvers). Wraps onto a second line on narrow windows, so that no action leaves the window.
 */
class ReleaseHeader extends HorizontalLayout {

    /** {@code keptLayout}: main is a team's helmfile layout, kept: its values change in place, not in Chartroom's form. */
    ReleaseHeader(ReleaseDescription release, Optional<String> newer, Optional<UserIdentity> user, ReleaseStatusService status, boolean keptLayout) {
        String name = release.name();
        H2 heading = new H2(release.name());
        heading.setId("release-title");
        Span chart = new Badge(release.chart().repository() + " / " + release.chart().chart() + " " + release.versionText(), Badge.Tone.NEUTRAL);
        add(heading, chart);
        newer.ifPresent(v -> {
            Badge available = new Badge(v + " available", Badge.Tone.PRIMARY);
            available.setId("release-upgrade-available");
            add(available);
        });
        setAlignItems(FlexComponent.Alignment.CENTER);
        setWidthFull();
        setWrap(true);
        Div spacer = new Div();
        spacer.getStyle().set("flex", "1");
        add(spacer);
        boolean developer = user.map(u -> u.hasRole(Role.DEVELOPER)).orElse(false);
        boolean approver = user.map(u -> u.hasRole(Role.APPROVER)).orElse(false);
        Button timeline = new Button("History", VaadinIcon.TIME_BACKWARD.create(),
                e -> getUI().ifPresent(ui -> ui.navigate("releases/" + name + "/history")));
        timeline.setId("release-timeline");
        Button versions = new Button("Versions", VaadinIcon.ARROW_FORWARD.create(),
                e -> getUI().ifPresent(ui -> ui.navigate("releases/" + name + "/versions")));
        versions.setId("release-versions");
        Button openChanges = new Button("Change requests", VaadinIcon.ROAD_BRANCH.create(),
                e -> getUI().ifPresent(ui -> ui.navigate("change-requests", QueryParameters.of("release", name))));
        openChanges.setId("release-change-requests");
        openChanges.setTooltipText("The open change requests of " + name);
        versions.setTooltipText("Chart versions per environment: upgrade one, promote to the next");
        add(timeline, versions, openChanges);
        boolean owner = user.map(u -> u.hasRole(Role.ADMIN) || u.hasRole(Role.DEVELOPER) && u.inTeam(release.team())).orElse(false);
        if (owner && keptLayout) {
            Button change = new Button("Change a value", VaadinIcon.EDIT.create(),
                    e -> getUI().ifPresent(ui -> ui.navigate("repository/helmfile", QueryParameters.of("release", name))));
            change.setId("edit-release");
            change.setTooltipText("The repository keeps its helmfile layout: a value changes in place, one line of one file");
            add(change);
        } else if (owner) {
            Button edit = new Button("Edit values", VaadinIcon.EDIT.create(), e -> getUI().ifPresent(ui -> ui.navigate("releases/" + name + "/edit")));
            edit.setId("edit-release");
            add(edit);
        } else if (developer) {
            // another team's release: said at once, not after minutes of editing
            Span readOnly = new Span("Team " + release.team() + "'s release: read-only for you");
            readOnly.setId("release-read-only");
            readOnly.addClassName("muted");
            add(readOnly);
        }
        if (approver) {
            Button sync = new Button("Sync now", VaadinIcon.REFRESH.create(), e -> {
                int units = status.syncNow(name);
                Notifications.success("Applying " + name + " again on " + units + (units == 1 ? " cluster" : " clusters"));
            });
            sync.setId("sync-now");
            sync.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button tests = new Button("Run all tests", VaadinIcon.CHECK_SQUARE_O.create(), e -> {
                int units = status.runTests(name);
                Notifications.success("Running " + name + "'s Helm tests on " + units + (units == 1 ? " cluster" : " clusters")
                        + "; the results appear in the history");
            });
            tests.setId("run-tests");
            tests.setTooltipText("The chart's helm.sh/hook: test pods and jobs, which a sync never runs, on every cluster (each card runs its own)");
            add(tests, sync);
        }
    }
}
