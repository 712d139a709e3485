package io.chartroom.home.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.changes.service.ReleasePipeline;
import io.chartroom.reconcile.domain.HealthState;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.service.ReleaseStatusService;
import io.chartroom.security.service.CurrentUser;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every release as a row of its environments: the chart version each runs, how its worst cluster is doing (sync,
 * health, revision) and what waits to be promoted from the environment before; filtered by team, the user's own
 * first. A row opens the release's versions, where promotions are made.
 */
@Route("pipeline")
@PageTitle("Pipeline")
@Menu(order = 22, icon = "vaadin:arrows-long-right", title = "Pipeline")
@PermitAll
public class PipelineView extends VerticalLayout {

    private final ReleasePipeline pipeline;
    private final ReleaseStatusService status;
    private final Grid<ReleasePipeline.Row> grid = new Grid<>();

    public PipelineView(ReleasePipeline pipeline, ReleaseStatusService status, CurrentUser currentUser) {
        this.pipeline = pipeline;
        this.status = status;
        setSizeFull();
        Paragraph intro = new Paragraph("Each release's chart version per environment, in the environments' order. A version that "
                + "differs from the environment before waits to be promoted: open the release's versions to promote it.");
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
        Map<String, Map<String, List<UnitStatus>>> units = unitsByReleaseAndEnvironment();
        for (String environment : pipeline.environments()) {
            grid.addComponentColumn(r -> cell(r, environment, units)).setHeader(environment).setAutoWidth(true);
        }
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText("No release for this team yet.");
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("releases/" + e.getItem().release() + "/versions")));
        team.addValueChangeListener(e -> show(all, e.getValue()));
        show(all, team.getValue());
        add(intro, team, grid);
        expand(grid);
    }

    private void show(List<ReleasePipeline.Row> all, String team) {
        grid.setItems(all.stream().filter(r -> team == null || r.team().equals(team)).toList());
    }

    private Map<String, Map<String, List<UnitStatus>>> unitsByReleaseAndEnvironment() {
        Map<String, Map<String, List<UnitStatus>>> units = new HashMap<>();
        for (UnitStatus u : status.all()) {
            units.computeIfAbsent(u.key().release(), k -> new HashMap<>())
                    .computeIfAbsent(u.key().environment(), k -> new java.util.ArrayList<>()).add(u);
        }
        return units;
    }

    /** The version, the worst cluster's sync, health and revision, and what waits to be promoted. */
    private static Div cell(ReleasePipeline.Row row, String environment, Map<String, Map<String, List<UnitStatus>>> units) {
        Div cell = new Div();
        cell.addClassName("pipeline-cell");
        row.stages().stream().filter(s -> s.environment().equals(environment)).findFirst().ifPresent(stage -> {
            cell.add(new Div(new Span(stage.version())));
            List<UnitStatus> here = units.getOrDefault(row.release(), Map.of()).getOrDefault(environment, List.of());
            here.stream().max(Comparator.comparing((UnitStatus u) -> u.sync() == SyncState.SYNCED ? 0 : 1)
                    .thenComparing(u -> u.health() == null ? HealthState.UNKNOWN : u.health())).ifPresentOrElse(worst -> {
                        Span state = new Span(label(worst.sync().name()) + " · " + label(String.valueOf(worst.health()))
                                + (worst.revision() == null ? "" : " · " + worst.revision().substring(0, Math.min(7, worst.revision().length()))));
                        state.addClassName("muted");
                        cell.add(new Div(state));
                    }, () -> {
                        Span none = new Span("no cluster");
                        none.addClassName("muted");
                        cell.add(new Div(none));
                    });
            if (stage.waiting() != null) {
                Span waiting = new Span("↑ " + stage.waiting() + " waiting from " + stage.previous());
                waiting.addClassName("pipeline-waiting");
                cell.add(new Div(waiting));
            }
        });
        return cell;
    }

    private static String label(String state) {
        String lower = state.toLowerCase().replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
