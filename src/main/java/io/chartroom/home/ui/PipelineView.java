package io.chartroom.home.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.changes.service.BulkChanges;
import io.chartroom.changes.service.ReleasePipeline;
import io.chartroom.changes.service.ReleasePromotions;
import io.chartroom.changes.ui.BulkChangeDialog;
import io.chartroom.reconcile.service.UnitStatusSummary;
import io.chartroom.releases.service.ReleaseStatusSummary;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every release as a row of its environments: the chart version each runs, how its worst cluster is doing (sync,
 * health, revision) and what waits to be promoted from the environment before; filtered by team, the user's own
 * first. A double-click opens the release's versions; selected releases of one chart are upgraded or promoted together.
 */
@Route("pipeline")
@PageTitle("Pipeline")
@Menu(order = 22, icon = "vaadin:arrows-long-right", title = "Pipeline")
@PermitAll
public class PipelineView extends VerticalLayout {

    private final ReleasePipeline pipeline;
    private final UnitStatusSummary status;
    private final Grid<ReleasePipeline.Row> grid = new Grid<>();

    public PipelineView(ReleasePipeline pipeline, UnitStatusSummary status, CurrentUser currentUser, BulkChanges bulk,
                        ReleasePromotions promotions) {
        this.pipeline = pipeline;
        this.status = status;
        setSizeFull();
        Paragraph intro = new Paragraph("Each release's chart version per environment, in the environments' order. A version that "
                + "differs from the environment before waits to be promoted. Double-click a release for its versions; select releases of "
                + "one chart to upgrade or promote them together, in one change request.");
        intro.addClassName("view-intro");
        List<ReleasePipeline.Row> all = pipeline.rows(null);
        ComboBox<String> team = new ComboBox<>();
        team.setId("pipeline-team");
        team.setPlaceholder("All teams");
        team.setClearButtonVisible(true);
        team.setItems(new TreeSet<>(all.stream().map(ReleasePipeline.Row::team).toList()));
        currentUser.find().flatMap(u -> u.teams().stream().filter(t -> all.stream().anyMatch(r -> r.team().equals(t))).findFirst())
                .ifPresent(team::setValue);
        grid.setId("pipeline");
        grid.addColumn(ReleasePipeline.Row::release).setHeader("Release").setAutoWidth(true).setFrozen(true);
        grid.addColumn(ReleasePipeline.Row::team).setHeader("Team").setAutoWidth(true);
        grid.addColumn(r -> r.chart() + r.available().map(v -> " · " + v + " available").orElse("")).setHeader("Chart").setAutoWidth(true);
        Map<String, List<ReleaseStatusSummary.EnvironmentStatus>> units = status.of(all.stream().map(ReleasePipeline.Row::release).toList());
        for (String environment : pipeline.environments()) {
            grid.addComponentColumn(r -> cell(r, environment, units)).setHeader(environment).setAutoWidth(true);
        }
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("No release for this team yet.");
        grid.addItemDoubleClickListener(e -> getUI().ifPresent(ui -> ui.navigate("releases/" + e.getItem().release() + "/versions")));
        TextField filter = new TextField();
        filter.setId("pipeline-filter");
        filter.setPlaceholder("Filter by release or chart");
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.EAGER); // rows are in memory: filter as the user types
        Runnable show = () -> grid.setItems(all.stream().filter(r -> team.getValue() == null || r.team().equals(team.getValue()))
                .filter(r -> filter.isEmpty() || r.release().contains(filter.getValue().strip()) || r.chart().contains(filter.getValue().strip()))
                .toList());
        team.addValueChangeListener(e -> show.run());
        filter.addValueChangeListener(e -> show.run());
        show.run();
        HorizontalLayout tools = new HorizontalLayout(team, filter);
        tools.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (currentUser.find().map(u -> u.hasRole(Role.DEVELOPER)).orElse(false)) {
            // several releases of one chart at once: select them, then one change request for all
            grid.setSelectionMode(Grid.SelectionMode.MULTI);
            Button upgrade = new Button("Upgrade selected…", VaadinIcon.ARROW_UP.create(),
                    e -> BulkChangeDialog.upgrade(grid.getSelectedItems(), bulk, promotions));
            upgrade.setId("bulk-upgrade");
            Button promote = new Button("Promote selected…", VaadinIcon.ARROW_FORWARD.create(),
                    e -> BulkChangeDialog.promote(grid.getSelectedItems(), bulk));
            promote.setId("bulk-promote");
            tools.add(upgrade, promote);
        }
        add(intro, tools, grid);
        expand(grid);
    }

    /** The version, the worst cluster's sync, health and revision, and what waits to be promoted. */
    private static Div cell(ReleasePipeline.Row row, String environment, Map<String, List<ReleaseStatusSummary.EnvironmentStatus>> statuses) {
        Div cell = new Div();
        cell.addClassName("pipeline-cell");
        row.stages().stream().filter(s -> s.environment().equals(environment)).findFirst().ifPresent(stage -> {
            cell.add(new Div(new Span(stage.version())));
            Span state = statuses.getOrDefault(row.release(), List.of()).stream().filter(s -> s.environment().equals(environment)).findFirst()
                    .map(s -> new Span(s.text() + (s.revision().isEmpty() ? "" : " · " + s.revision()))).orElse(new Span("no cluster"));
            state.addClassName("muted");
            cell.add(new Div(state));
            if (stage.waiting() != null) {
                Span waiting = new Span("↑ " + stage.waiting() + " waiting from " + stage.previous());
                waiting.addClassName("pipeline-waiting");
                cell.add(new Div(waiting));
            }
        });
        return cell;
    }
}
