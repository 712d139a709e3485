package io.chartroom.releases.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.ui.Badge;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.releases.service.ChartUpgrades;
import io.chartroom.releases.service.ReleaseQueries;
import io.chartroom.releases.service.ReleaseStatusSummary;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The releases main describes: what runs where, with which chart and how each environment's worst cluster is doing;
 * paged, filtered by name and team.
 */
@Route("releases")
@PageTitle("Releases")
@Menu(order = 20, icon = "vaadin:rocket", title = "Releases")
@PermitAll
public class ReleasesView extends VerticalLayout {

    public ReleasesView(ReleaseQueries releases, ChartUpgrades upgrades, ObjectProvider<ReleaseStatusSummary> summary, CurrentUser currentUser) {
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
        // per environment the worst cluster, fetched for each page of rows in one query
        Map<String, List<ReleaseStatusSummary.EnvironmentStatus>> statuses = new ConcurrentHashMap<>();
        grid.addComponentColumn(r -> status(r, statuses.getOrDefault(r.name(), List.of()))).setHeader("Status").setFlexGrow(2);
        ComboBox<String> team = new ComboBox<>();
        team.setId("releases-team");
        team.setPlaceholder("All teams");
        team.setClearButtonVisible(true);
        team.setItems(List.copyOf(currentUser.find().map(UserIdentity::teams).orElse(new TreeSet<>())));
        team.setAllowCustomValue(true);
        team.addCustomValueSetListener(e -> team.setValue(e.getDetail()));
        Runnable load = () -> grid.setItems(q -> {
                    List<ReleaseDescription> page = releases.page(filter.getValue(), team.getValue(), q.getOffset(), q.getLimit());
                    summary.ifAvailable(s -> statuses.putAll(s.of(page.stream().map(ReleaseDescription::name).toList())));
                    return page.stream();
                }, q -> releases.count(filter.getValue(), team.getValue()));
        load.run();
        filter.addValueChangeListener(e -> load.run());
        team.addValueChangeListener(e -> load.run());
        grid.setEmptyStateText("No release matches. Create one from a chart in the catalog.");
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("releases/" + e.getItem().name())));
        HorizontalLayout filters = new HorizontalLayout(filter, team);
        add(intro, filters, grid);
        expand(grid);
    }

    /** Each environment's worst cluster: "dev: Synced · Healthy", marked when it needs someone. */
    private static Div status(ReleaseDescription release, List<ReleaseStatusSummary.EnvironmentStatus> environments) {
        Div cell = new Div();
        for (String env : release.environments()) {
            Badge badge = environments.stream().filter(s -> s.environment().equals(env)).findFirst()
                    .map(s -> new Badge(env + ": " + s.text(), s.attention() ? Badge.Tone.ERROR : Badge.Tone.SUCCESS))
                    .orElse(new Badge(env + ": no cluster", Badge.Tone.NEUTRAL));
            cell.add(badge);
        }
        return cell;
    }
}
