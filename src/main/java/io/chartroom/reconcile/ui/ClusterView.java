package io.chartroom.reconcile.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.service.ClusterResources;
import io.chartroom.clusters.service.ClusterService;
import io.chartroom.clusters.ui.UnverifiedTlsBadge;
import io.chartroom.gitops.ui.RevisionLink;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.service.ReleaseStatusService;
import io.chartroom.reconcile.status.UnitStatusUpdates;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * One cluster, as kubectx/kubens and k9s show it: the releases it runs and their state (live), and a
 * read-only browser of its namespaces' objects with live YAML and events.
 */
@Route("clusters/:name")
@PermitAll
public class ClusterView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ClusterService clusters;
    private final ClusterResources resources;
    private final ReleaseStatusService status;
    private final UnitStatusUpdates updates;
    private final Grid<UnitStatus> units = new Grid<>();
    private final HeldRemovals held;
    private String name;
    private Runnable unsubscribe;

    public ClusterView(ClusterService clusters, ClusterResources resources, ReleaseStatusService status, UnitStatusUpdates updates,
                       CurrentUser currentUser) {
        this.held = new HeldRemovals(status, currentUser.find().map(u -> u.hasRole(Role.ADMIN)).orElse(false));
        this.clusters = clusters;
        this.resources = resources;
        this.status = status;
        this.updates = updates;
        setSizeFull();
    }

    @Override
    public String getPageTitle() {
        return "Cluster " + name;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        name = event.getRouteParameters().get("name").orElseThrow();
        Cluster cluster = clusters.get(name);
        removeAll();
        H2 heading = new H2(cluster.name());
        heading.setId("cluster-title");
        HorizontalLayout header = new HorizontalLayout(heading);
        header.setAlignItems(Alignment.CENTER);
        if (cluster.simulated()) {
            header.add(new Badge("simulated", Badge.Tone.WARNING));
        }
        if (cluster.tlsUnverified()) {
            header.add(new UnverifiedTlsBadge());
        }
        cluster.labels().forEach((k, v) -> header.add(new Badge(k + "=" + v, Badge.Tone.NEUTRAL)));
        Paragraph facts = new Paragraph((cluster.description().isBlank() ? "" : cluster.description() + " · ") + "Kubernetes "
                + cluster.kubeVersionOr("unknown") + (cluster.apiUrl() == null ? "" : " · " + cluster.apiUrl())
                + (cluster.checkError() == null ? "" : " · last test failed: " + cluster.checkError()));
        facts.addClassName("view-intro");
        // which replica reconciles it: with several replicas, where to look in the logs
        String replica = status.reconciledBy(java.util.List.of(cluster.name())).get(cluster.name());
        facts.add(" · " + (replica == null ? "no portal replica reconciles it yet" : "reconciled by " + replica) + " · ");
        com.vaadin.flow.component.html.Anchor helm = new com.vaadin.flow.component.html.Anchor("clusters/" + cluster.name() + "/helm-releases",
                "Helm releases found here");
        helm.setId("cluster-helm-releases");
        facts.add(helm);

        units.setId("cluster-units");
        units.addColumn(u -> u.key().release()).setHeader("Release").setAutoWidth(true);
        units.addColumn(u -> u.key().environment()).setHeader("Environment").setAutoWidth(true);
        units.addComponentColumn(u -> StatusBadges.sync(u.sync())).setHeader("Sync").setAutoWidth(true);
        units.addComponentColumn(u -> StatusBadges.health(u.health())).setHeader("Health").setAutoWidth(true);
        units.addComponentColumn(u -> new RevisionLink(u.revision(), u.key().release())).setHeader("Revision").setAutoWidth(true);
        units.addColumn(u -> Timestamps.format(u.lastAppliedAt())).setHeader("Last applied").setAutoWidth(true);
        units.addColumn(UnitStatus::message).setHeader("Message").setFlexGrow(2).setTooltipGenerator(UnitStatus::message);
        units.setEmptyStateText("No release runs on this cluster yet.");
        units.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("releases/" + e.getItem().key().release())));
        units.setSizeFull();
        refresh();

        TabSheet tabs = new TabSheet();
        tabs.add("Releases", units);
        tabs.add("Objects", browser());
        tabs.setSizeFull();
        add(header, facts, held, tabs);
        expand(tabs);
    }

    private Div browser() {
        Select<String> namespace = new Select<>();
        namespace.setLabel("Namespace");
        namespace.setId("cluster-namespace");
        Grid<ClusterResources.ObjectRow> objects = new Grid<>();
        objects.setId("cluster-objects");
        objects.addColumn(ClusterResources.ObjectRow::kind).setHeader("Kind").setAutoWidth(true);
        objects.addColumn(ClusterResources.ObjectRow::name).setHeader("Name").setFlexGrow(2);
        objects.addColumn(ClusterResources.ObjectRow::status).setHeader("Status").setAutoWidth(true);
        objects.addColumn(o -> Timestamps.format(o.created())).setHeader("Created").setAutoWidth(true);
        objects.setEmptyStateText("Choose a namespace. Secrets are not listed.");
        objects.addItemClickListener(e -> ObjectDialog.open(resources, name, e.getItem()));
        objects.setHeight("30rem");
        try {
            List<String> namespaces = resources.namespaces(name);
            namespace.setItems(namespaces);
        } catch (RuntimeException e) {
            objects.setEmptyStateText(e.getMessage());
        }
        namespace.addValueChangeListener(e -> objects.setItems(e.getValue() == null ? List.of() : resources.objects(name, e.getValue())));
        return new Div(namespace, objects);
    }

    private void refresh() {
        List<UnitStatus> onCluster = status.onCluster(name);
        units.setItems(onCluster);
        held.show(name, onCluster);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        unsubscribe = updates.listen(key -> {
            if (key.cluster().equals(name)) {
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
