package io.chartroom.gitops.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.ui.Badge;
import io.chartroom.gitops.service.RepositoryCheck;
import jakarta.annotation.security.PermitAll;

/** Whether Chartroom can read the GitOps repository's main, and each file and line it cannot, with the reason. */
@Route(RepositoryView.ROUTE)
@PageTitle("Repository")
@Menu(order = 29, icon = "vaadin:archive", title = "Repository")
@PermitAll
public class RepositoryView extends VerticalLayout {

    static final String ROUTE = "repository";

    public RepositoryView(RepositoryCheck check) {
        setSizeFull();
        RepositoryCheck.Report report = check.onMain();
        boolean kept = !report.readable() && check.mainIsKept();
        Badge state = report.readable()
                ? new Badge("Readable: every file on main is in Chartroom's layout", Badge.Tone.SUCCESS)
                : kept ? new Badge("Kept in its helmfile layout", Badge.Tone.PRIMARY)
                : new Badge(report.problems().size() + " file(s) cannot be read", Badge.Tone.ERROR);
        state.setId("repository-state");
        Paragraph intro = new Paragraph(report.readable()
                ? "main (" + report.commit().substring(0, 12) + ") is Chartroom's layout: releases and environments are read from it, "
                        + "and change requests write to it."
                : kept ? "main (" + report.commit().substring(0, 12) + ") is a helmfile repository an admin chose to keep as it is: "
                        + "Chartroom reads its releases the way helmfile does and changes a value only in place, through a change request. "
                        + "The files below are not in Chartroom's layout, and Chartroom writes none in it."
                : "main (" + report.commit().substring(0, 12) + ") holds files that are not in Chartroom's layout. Chartroom reads "
                        + "nothing from them and writes nothing to the repository (no environments, no change requests, no merges) "
                        + "until an admin chooses how to adopt it. Nothing has been changed.");
        intro.addClassName("view-intro");
        Grid<RepositoryCheck.Problem> grid = new Grid<>();
        grid.setId("repository-problems");
        grid.addColumn(RepositoryCheck.Problem::path).setHeader("File").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(p -> p.line() == null ? "" : p.line()).setHeader("Line").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(RepositoryCheck.Problem::message).setHeader("Why").setFlexGrow(3)
                .setTooltipGenerator(RepositoryCheck.Problem::message);
        grid.setEmptyStateText("Nothing: Chartroom reads every file on main.");
        grid.setItems(report.problems());
        HorizontalLayout header = new HorizontalLayout(state, intro);
        header.setWidthFull();
        header.setAlignItems(Alignment.BASELINE);
        // a team's helmfile repository is read the way helmfile reads it on a page of its own (adoption)
        com.vaadin.flow.component.html.Anchor helmfile = new com.vaadin.flow.component.html.Anchor("repository/helmfile",
                "Read main as helmfile: its environments, releases and what they would become in Chartroom");
        helmfile.setId("repository-helmfile");
        add(header, helmfile, grid);
        expand(grid);
    }
}
