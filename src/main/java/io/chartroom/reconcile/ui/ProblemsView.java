package io.chartroom.reconcile.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.service.ReleaseStatusService;
import io.chartroom.reconcile.status.UnitStatusUpdates;
import jakarta.annotation.security.PermitAll;

/** What is failing, drifted or unhealthy across all clusters, worst first; updates live. */
@Route("problems")
@PageTitle("Problems")
@Menu(order = 28, icon = "vaadin:warning", title = "Problems")
@PermitAll
public class ProblemsView extends VerticalLayout {

    private final ReleaseStatusService status;
    private final UnitStatusUpdates updates;
    private final Grid<UnitStatus> grid = new Grid<>();
    private Runnable unsubscribe;

    public ProblemsView(ReleaseStatusService status, UnitStatusUpdates updates) {
        this.status = status;
        this.updates = updates;
        setSizeFull();
        Paragraph intro = new Paragraph("Releases that failed to apply, wait for a removal to be confirmed, drifted from what was applied, or are "
                + "unhealthy, on any cluster. Rollouts still in progress show here once they pass the progress deadline; suspended "
                + "workloads (a paused Deployment, a suspended CronJob) are stopped on purpose and are not listed.");
        intro.addClassName("view-intro");
        grid.setId("problems-grid");
        grid.addColumn(u -> u.key().release()).setHeader("Release").setAutoWidth(true);
        grid.addColumn(u -> u.key().environment()).setHeader("Environment").setAutoWidth(true);
        grid.addColumn(u -> u.key().cluster()).setHeader("Cluster").setAutoWidth(true);
        grid.addComponentColumn(u -> StatusBadges.sync(u.sync())).setHeader("Sync").setAutoWidth(true);
        grid.addComponentColumn(u -> StatusBadges.health(u.health())).setHeader("Health").setAutoWidth(true);
        grid.addColumn(u -> u.drift().isEmpty() ? u.message() : u.drift().size() + " drifted: " + u.drift().getFirst()).setHeader("Why").setFlexGrow(3);
        grid.addColumn(u -> Timestamps.format(u.updatedAt())).setHeader("Since").setAutoWidth(true);
        grid.setEmptyStateText("Nothing is failing, held, drifted or unhealthy.");
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("releases/" + e.getItem().key().release())));
        refresh();
        add(intro, grid);
        expand(grid);
    }

    private void refresh() {
        grid.setItems(status.problems());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        unsubscribe = updates.listen(key -> ui.access(this::refresh));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
    }
}
