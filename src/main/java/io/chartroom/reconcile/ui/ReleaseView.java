package io.chartroom.reconcile.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.ui.Notifications;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.clusters.service.ClusterResources;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.ui.RevisionLink;
import io.chartroom.reconcile.domain.UnitHistoryEntry;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.service.ReleaseObjects;
import io.chartroom.reconcile.service.ReleaseStatusService;
import io.chartroom.reconcile.status.UnitStatusUpdates;
import io.chartroom.releases.service.ChartUpgrades;
import io.chartroom.releases.service.ReleaseQueries;
import io.chartroom.security.domain.Role;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.security.service.CurrentUser;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A release: what main says (chart, team, environments) and how it is doing where it runs, one card per
 * environment and cluster (sync, health, revision, last applied, drift), live through push; its objects on
 * each cluster with live YAML and events; what happened to it. APPROVERs may sync it now and run its Helm tests,
 * on one unit (its card) or on all.
 */
@Route("releases/:name([a-z0-9][-a-z0-9]*)")
@PermitAll
public class ReleaseView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ReleaseQueries releases;
    private final ChartUpgrades upgrades;
    private final ReleaseStatusService status;
    private final ClusterResources resources;
    private final ReleaseObjects releaseObjects;
    private final UnitStatusUpdates updates;
    private final CurrentUser currentUser;
    private final RepositoryCheck repositoryCheck;
    private final Div matrix = new Div();
    private final Grid<UnitHistoryEntry> history = new Grid<>();
    private final java.util.Set<String> openObjects = new java.util.HashSet<>();
    private String name;
    private ReleaseDescription release;
    private Runnable unsubscribe;

    public ReleaseView(ReleaseQueries releases, ReleaseStatusService status, ClusterResources resources, ReleaseObjects releaseObjects,
                       UnitStatusUpdates updates, CurrentUser currentUser, ChartUpgrades upgrades, RepositoryCheck repositoryCheck) {
        this.upgrades = upgrades;
        this.repositoryCheck = repositoryCheck;
        this.releaseObjects = releaseObjects;
        this.releases = releases;
        this.status = status;
        this.resources = resources;
        this.updates = updates;
        this.currentUser = currentUser;
        addClassName("release-page");
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        name = event.getRouteParameters().get("name").orElseThrow();
        release = releases.onMain(name);
        build();
    }

    @Override
    public String getPageTitle() {
        return "Release " + name;
    }

    private void build() {
        removeAll();
        ReleaseHeader header = new ReleaseHeader(release, upgrades.available(release), currentUser.find(), status,
                repositoryCheck.mainIsKept());
        Paragraph facts = new Paragraph("Namespace " + release.namespace() + " · team " + release.team() + " · runs in "
                + String.join(", ", release.environments()));
        facts.addClassName("view-intro");
        matrix.setId("unit-matrix");
        matrix.addClassName("unit-matrix");
        history.setId("release-history");
        history.addColumn(h -> Timestamps.format(h.at())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        history.addColumn(h -> h.key().environment() + " · " + h.key().cluster()).setHeader("Where").setAutoWidth(true)
                .setFlexGrow(0);
        history.addComponentColumn(h -> StatusBadges.sync(h.sync())).setHeader("Result").setAutoWidth(true).setFlexGrow(0);
        // the message takes what is left, and shows whole on hover
        history.addColumn(UnitHistoryEntry::message).setHeader("What").setFlexGrow(1).setTooltipGenerator(UnitHistoryEntry::message);
        history.addComponentColumn(h -> new RevisionLink(h.revision(), h.key().release()))
                .setHeader("Revision").setAutoWidth(true).setFlexGrow(0);
        history.addColumn(h -> h.millis() + " ms").setHeader("Took").setAutoWidth(true).setFlexGrow(0);
        history.setEmptyStateText("Nothing applied yet.");
        history.setHeight("16rem");
        add(header, facts, new H3("Where it runs"), matrix, new H3("History"), history);
        refresh();
    }

    private void refresh() {
        matrix.removeAll();
        List<UnitStatus> units = status.units(name);
        if (units.isEmpty()) {
            Paragraph empty = new Paragraph("Not applied anywhere yet: the reconciler picks merged changes up within seconds. "
                    + "Environments that select no cluster are not applied.");
            empty.addClassName("view-intro");
            matrix.add(empty);
        }
        Map<String, List<UnitStatus>> byEnvironment = new LinkedHashMap<>();
        release.environments().forEach(env -> byEnvironment.put(env, new java.util.ArrayList<>()));
        units.forEach(u -> byEnvironment.computeIfAbsent(u.key().environment(), k -> new java.util.ArrayList<>()).add(u));
        byEnvironment.forEach((env, list) -> {
            Div column = new Div(new Span(env));
            column.addClassName("unit-environment");
            column.getChildren().findFirst().ifPresent(c -> ((Span) c).addClassName("unit-environment-name"));
            if (list.isEmpty()) {
                Span none = new Span("no cluster");
                none.addClassName("cr-note");
                column.add(none);
            }
            list.forEach(u -> column.add(card(u)));
            matrix.add(column);
        });
        history.setItems(status.history(name, 50));
    }

    private Component card(UnitStatus u) {
        Div card = new Div();
        card.addClassName("unit-card");
        card.setId("unit-" + u.key().environment() + "-" + u.key().cluster());
        Span cluster = new Span(u.key().cluster());
        cluster.addClassName("unit-cluster");
        HorizontalLayout badges = new HorizontalLayout(StatusBadges.sync(u.sync()), StatusBadges.health(u.health()));
        badges.setSpacing(false);
        badges.addClassName("unit-badges");
        card.add(cluster, badges);
        Span facts = new Span(new Span("revision "), new RevisionLink(u.revision(), u.key().release()), new Span(" · applied "
                + (u.lastAppliedAt() == null ? "never" : Timestamps.format(u.lastAppliedAt())) + " · " + objectCount(u)));
        facts.addClassName("cr-note");
        card.add(facts);
        if (!u.message().isBlank()) {
            Span message = new Span(u.message());
            message.addClassName(u.sync().name().equals("FAILED") ? "error-text" : "cr-note");
            card.add(message);
        }
        if (u.nextAttemptAt() != null && u.sync().name().equals("FAILED")) {
            Span retry = new Span("attempt " + u.attempts() + "; next " + Timestamps.format(u.nextAttemptAt()));
            retry.addClassName("cr-note");
            card.add(retry);
        }
        if (currentUser.find().map(user -> user.hasRole(Role.APPROVER)).orElse(false)) {
            Button tests = new Button("Run tests", VaadinIcon.CHECK_SQUARE_O.create(), e -> {
                status.runTests(name, u.key().environment(), u.key().cluster());
                Notifications.success("Running " + name + "'s Helm tests in " + u.key().environment() + " on " + u.key().cluster()
                        + "; the result appears in the history");
            });
            tests.setId("run-tests-" + u.key().environment() + "-" + u.key().cluster());
            tests.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            tests.setTooltipText("The chart's helm.sh/hook: test pods and jobs, on this cluster; a sync never runs them");
            card.add(tests);
        }
        if (!u.drift().isEmpty()) {
            Details drift = new Details("Drift (" + u.drift().size() + ")");
            u.drift().forEach(d -> drift.add(new Div(new Span(d))));
            drift.setOpened(true);
            card.add(drift);
        }
        Details objects = new Details("Objects");
        String key = u.key().toString();
        objects.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                openObjects.add(key);
                if (objects.getContent().findAny().isEmpty()) {
                    objects.add(objectsGrid(u.key()));
                }
            } else {
                openObjects.remove(key);
            }
        });
        // live refreshes rebuild the cards: keep open what the user opened
        objects.setOpened(openObjects.contains(key));
        card.add(objects);
        return card;
    }

    /** The release's own objects; the namespace it shares with other releases is named apart. */
    private static String objectCount(UnitStatus u) {
        long namespaces = u.inventory().stream().filter(r -> r.kind().equals("Namespace")).count();
        long objects = u.inventory().size() - namespaces;
        return objects + (objects == 1 ? " object" : " objects") + (namespaces > 0 ? " + namespace" : "");
    }

    /** The unit's objects, each with its health read now, worst first; a row opens the live object and its events. */
    private Component objectsGrid(UnitKey key) {
        Grid<ReleaseObjects.Row> grid = new Grid<>();
        grid.addColumn(r -> r.ref().kind()).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(r -> r.ref().name()).setHeader("Name").setFlexGrow(2);
        grid.addComponentColumn(r -> StatusBadges.health(r.health())).setHeader("Health").setAutoWidth(true);
        grid.addColumn(ReleaseObjects.Row::message).setHeader("Why").setFlexGrow(2).setTooltipGenerator(ReleaseObjects.Row::message);
        try {
            grid.setItems(releaseObjects.of(key));
        } catch (RuntimeException e) {
            grid.setEmptyStateText(e.getMessage());
        }
        grid.setAllRowsVisible(true);
        grid.addItemClickListener(e -> ObjectDialog.open(resources, key.cluster(), new ClusterResources.ObjectRow(e.getItem().ref().apiVersion(),
                e.getItem().ref().kind(), e.getItem().ref().namespace(), e.getItem().ref().name(), e.getItem().message(), null)));
        grid.addClassName("unit-objects");
        grid.setId("objects-" + key.environment() + "-" + key.cluster());
        return grid;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        unsubscribe = updates.listen(key -> {
            if (key.release().equals(name)) {
                ui.access(this::refresh);
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
    }
}
