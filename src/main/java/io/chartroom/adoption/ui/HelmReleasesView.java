package io.chartroom.adoption.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.adoption.service.HelmReleaseImports;
import io.chartroom.adoption.service.HelmReleasesFound;
import io.chartroom.adoption.service.HelmReleasesFound.Found;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Notifications;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import jakarta.annotation.security.PermitAll;

/**
 * The Helm releases a cluster runs, read from Helm's release Secrets, with what became of each in Chartroom: an
 * ADMIN imports one through a change request; once Chartroom applies it in sync an ADMIN may remove Helm's record.
 */
@Route("clusters/:cluster/helm-releases")
@PermitAll
public class HelmReleasesView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final HelmReleasesFound found;
    private final HelmReleaseImports imports;
    private final UserIdentity user;
    private final Grid<Found> grid = new Grid<>();
    private String cluster = "";

    public HelmReleasesView(HelmReleasesFound found, HelmReleaseImports imports, CurrentUser currentUser) {
        this.found = found;
        this.imports = imports;
        this.user = currentUser.require(Role.VIEWER);
        setSizeFull();
        grid.setId("helm-releases");
        grid.addColumn(f -> f.helm().namespace()).setHeader("Namespace").setAutoWidth(true);
        grid.addColumn(f -> f.helm().name()).setHeader("Helm release").setAutoWidth(true);
        grid.addColumn(f -> f.helm().chart() + " " + f.helm().chartVersion()).setHeader("Chart").setAutoWidth(true);
        grid.addColumn(f -> f.helm().revision()).setHeader("Revision").setAutoWidth(true);
        grid.addComponentColumn(f -> new Badge(f.helm().status(), "deployed".equals(f.helm().status()) ? Badge.Tone.SUCCESS : Badge.Tone.WARNING))
                .setHeader("Status").setAutoWidth(true);
        grid.addColumn(f -> Timestamps.format(f.helm().lastDeployed())).setHeader("Last deployed").setAutoWidth(true);
        grid.addComponentColumn(this::chartroom).setHeader("In Chartroom").setFlexGrow(2);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        grid.setEmptyStateText("Helm keeps no release on this cluster (no Secret of type helm.sh/release.v1).");
        grid.setSizeFull();
    }

    @Override
    public String getPageTitle() {
        return "Helm releases on " + cluster;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        cluster = event.getRouteParameters().get("cluster").orElseThrow();
        removeAll();
        H2 heading = new H2("Helm releases on " + cluster);
        heading.setId("helm-releases-title");
        Paragraph intro = new Paragraph("What Helm installed here, read from its release Secrets (their values are never shown). Import one to "
                + "manage it with Chartroom: a change request proposes it with the values Helm was given, and its description compares what "
                + "Helm applied with what Chartroom will apply. The first apply takes over the objects' fields and deletes nothing.");
        intro.addClassName("view-intro");
        add(new HorizontalLayout(heading, new Anchor("clusters/" + cluster, "Back to the cluster")), intro, grid);
        expand(grid);
        refresh();
    }

    void refresh() {
        try {
            grid.setItems(found.onCluster(cluster));
        } catch (IllegalStateException unreachable) {
            grid.setItems();
            grid.setEmptyStateText(unreachable.getMessage());
        }
    }

    private Component chartroom(Found f) {
        if (f.adoption() == null) {
            return new Span("not imported");
        }
        Anchor request = new Anchor("change-requests/" + f.adoption().changeRequestId(), "change request #" + f.adoption().changeRequestId());
        Span text = new Span(f.adopted() ? "adopted as " + f.adoption().release() + " in " + f.adoption().environment() + ", by "
                : "imported as " + f.adoption().release() + " in " + f.adoption().environment() + ", by ");
        return new HorizontalLayout(f.adopted() ? new Badge("adopted", Badge.Tone.SUCCESS) : new Badge("imported", Badge.Tone.PRIMARY), text, request);
    }

    private Component actions(Found f) {
        HorizontalLayout actions = new HorizontalLayout();
        if (user.hasRole(Role.ADMIN) && !f.adopted()) {
            Button importing = new Button(f.adoption() == null ? "Import" : "Import again", e -> new ImportDialog(imports, cluster, f.helm(), user,
                    this::refresh).open());
            importing.setId("import-" + f.helm().namespace() + "-" + f.helm().name());
            actions.add(importing);
        }
        if (user.hasRole(Role.ADMIN) && f.adopted()) {
            Button forget = new Button("Remove Helm's record", e -> {
                int removed = found.forgetHelmRecord(cluster, f.helm().namespace(), f.helm().name());
                Notifications.success("Removed " + removed + " release Secret(s) of " + f.helm().name() + "; its objects stay, applied by Chartroom");
                refresh();
            });
            forget.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            actions.add(forget);
        }
        return actions;
    }
}
