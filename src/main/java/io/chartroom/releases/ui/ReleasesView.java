package io.chartroom.releases.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.releases.service.ChartUpgrades;
import io.chartroom.releases.service.ReleaseQueries;
import jakarta.annotation.security.PermitAll;

/** The releases main describes: what runs where, with which chart; paged, filtered by name. */
@Route("releases")
@PageTitle("Releases")
@Menu(order = 20, icon = "vaadin:rocket", title = "Releases")
@PermitAll
public class ReleasesView extends VerticalLayout {

    public ReleasesView(ReleaseQueries releases, ChartUpgrades upgrades) {
        setSizeFull();
        Paragraph intro = new Paragraph("Releases on main of the GitOps repository. Create one from a chart in the catalog.");
        intro.addClassName("view-intro");
        TextField filter = new TextField();
        filter.setPlaceholder("Filter by name");
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setId("releases-filter");
        Grid<ReleaseDescription> grid = new Grid<>();
        grid.setId("releases");
        grid.addColumn(ReleaseDescription::name).setHeader("Release").setAutoWidth(true);
        grid.addColumn(ReleaseDescription::namespace).setHeader("Namespace").setAutoWidth(true);
        grid.addColumn(ReleaseDescription::team).setHeader("Team").setAutoWidth(true);
        grid.addColumn(r -> r.chart().repository() + "/" + r.chart().chart() + " " + r.versionText()
                + upgrades.available(r).map(v -> " · " + v + " available").orElse("")).setHeader("Chart").setFlexGrow(2);
        grid.addColumn(r -> String.join(", ", r.environments())).setHeader("Environments").setFlexGrow(1);
        Runnable load = () -> grid.setItems(q -> releases.page(filter.getValue(), q.getOffset(), q.getLimit()).stream(),
                q -> releases.count(filter.getValue()));
        load.run();
        filter.addValueChangeListener(e -> load.run());
        grid.setEmptyStateText("No release yet. Pick a chart in the catalog and create one.");
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("releases/" + e.getItem().name())));
        add(intro, filter, grid);
        expand(grid);
    }
}
