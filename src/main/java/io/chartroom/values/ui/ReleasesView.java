package io.chartroom.values.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import io.chartroom.values.service.ReleaseQueries;
import jakarta.annotation.security.PermitAll;

/** The releases main describes: what runs where, with which chart. */
@Route("releases")
@PageTitle("Releases")
@Menu(order = 20, icon = "vaadin:rocket", title = "Releases")
@PermitAll
public class ReleasesView extends VerticalLayout {

    public ReleasesView(ReleaseQueries releases, CurrentUser currentUser) {
        setSizeFull();
        Paragraph intro = new Paragraph("Releases on main of the GitOps repository. Create one from a chart in the catalog.");
        intro.addClassName("view-intro");
        Grid<ReleaseDescription> grid = new Grid<>();
        grid.setId("releases");
        grid.addColumn(ReleaseDescription::name).setHeader("Release").setSortable(true).setAutoWidth(true);
        grid.addColumn(ReleaseDescription::namespace).setHeader("Namespace").setAutoWidth(true);
        grid.addColumn(ReleaseDescription::team).setHeader("Team").setAutoWidth(true);
        grid.addColumn(r -> r.chart().repository() + "/" + r.chart().chart() + " " + r.chart().version()).setHeader("Chart").setFlexGrow(2);
        grid.addColumn(r -> String.join(", ", r.environments())).setHeader("Environments").setFlexGrow(1);
        grid.setItems(releases.onMain());
        grid.setEmptyStateText("No release yet. Pick a chart in the catalog and create one.");
        boolean developer = currentUser.find().map(u -> u.hasRole(Role.DEVELOPER)).orElse(false);
        if (developer) {
            grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("releases/" + e.getItem().name() + "/edit")));
        }
        add(intro, grid);
    }
}
