package io.chartroom.adoption.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.adoption.helmfile.HelmfileProblem;
import io.chartroom.adoption.service.HelmfileConversions;
import io.chartroom.adoption.service.HelmfileImports;
import io.chartroom.adoption.service.HelmfileLayoutChoices;
import io.chartroom.adoption.service.HelmfileValueEdits;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.BackgroundWork;
import io.chartroom.base.ui.Notifications;
import io.chartroom.gitops.service.RepositoryCheck;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import jakarta.annotation.security.RolesAllowed;

/**
 * The repository read as helmfile reads it: environments, what each helmfile release would become in Chartroom, and
 * every file and line that could not be read. Reading runs every template in the render workers, off the UI thread,
 * with progress shown; nothing is written.
 */
@Route("repository/helmfile")
@PageTitle("Read as helmfile")
@RolesAllowed({"DEVELOPER", "APPROVER", "ADMIN"})
public class HelmfileImportView extends VerticalLayout implements BeforeEnterObserver {

    private final Paragraph summary = new Paragraph();
    private final Grid<HelmfileImports.EnvironmentRow> environments = new Grid<>();
    private final Grid<HelmfileImports.ProposedRow> proposed = new Grid<>();
    private final Grid<HelmfileProblem> problems = new Grid<>();
    private final ProgressBar progress = new ProgressBar();
    private final Button convert = new Button("Convert to Chartroom's layout…");
    private final Button keep = new Button("Keep the helmfile layout…");
    private final boolean mayConvert;
    private @Nullable ValueEditForm valueEdit;
    private HelmfileImports.Report shown;
    private final HorizontalLayout buttons;

    public HelmfileImportView(HelmfileImports imports, HelmfileConversions conversions, HelmfileLayoutChoices layouts, HelmfileValueEdits edits,
                              RepositoryCheck repositoryCheck, CurrentUser currentUser, BackgroundWork background) {
        // an ADMIN converts or keeps, and only a repository Chartroom cannot read yet
        boolean admin = currentUser.require(Role.DEVELOPER).hasRole(Role.ADMIN);
        mayConvert = admin && !repositoryCheck.onMain().readable();
        Optional<HelmfileLayoutChoices.Kept> kept = layouts.current();
        setSizeFull();
        Paragraph intro = new Paragraph("Main, read the way helmfile reads it: every helmfile, base and values file, each template run by "
                + "Helm's own engine. What each release would become in Chartroom, and every file and line that could not be read. "
                + "Nothing is written; values are counted, never shown.");
        intro.addClassName("view-intro");
        progress.setIndeterminate(true);
        progress.setVisible(false);
        progress.setId("helmfile-progress");
        summary.setId("helmfile-summary");
        Button read = new Button("Read main as helmfile");
        read.setId("helmfile-read");
        read.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        read.addClickListener(e -> run(background, imports::readMain, true));
        environments.setId("helmfile-environments");
        environments.addColumn(HelmfileImports.EnvironmentRow::name).setHeader("Environment").setAutoWidth(true);
        environments.addColumn(e -> e.kubeContext() == null ? "" : e.kubeContext()).setHeader("kubeContext (a hint for its cluster selector)")
                .setAutoWidth(true);
        environments.addColumn(HelmfileImports.EnvironmentRow::valueCount).setHeader("Values").setAutoWidth(true);
        environments.setAllRowsVisible(true);
        proposed.setId("helmfile-proposed");
        proposed.addColumn(HelmfileImports.ProposedRow::name).setHeader("Release in Chartroom").setAutoWidth(true);
        proposed.addColumn(HelmfileImports.ProposedRow::namespace).setHeader("Namespace").setAutoWidth(true);
        proposed.addColumn(p -> (p.repository() == null ? p.repositoryUrl() : p.repository()) + "/" + p.chart()).setHeader("Chart").setAutoWidth(true);
        proposed.addColumn(p -> String.join(", ", p.versions().entrySet().stream().map(v -> v.getKey() + " " + v.getValue()).toList()))
                .setHeader("Versions").setAutoWidth(true);
        proposed.addColumn(p -> p.sharedValueCount() + " shared" + p.environmentValueCounts().entrySet().stream()
                .map(c -> ", " + c.getKey() + " " + c.getValue()).reduce("", String::concat)).setHeader("Values").setAutoWidth(true);
        proposed.addColumn(HelmfileImports.ProposedRow::file).setHeader("From").setFlexGrow(1);
        proposed.setEmptyStateText("No release read yet.");
        proposed.setHeight("20rem");
        problems.setId("helmfile-problems");
        problems.addComponentColumn(p -> new Badge(p.kind().name().toLowerCase(), switch (p.kind()) {
            case ERROR -> Badge.Tone.ERROR;
            case UNSUPPORTED -> Badge.Tone.WARNING;
            case WARNING -> Badge.Tone.NEUTRAL;
        })).setHeader("").setWidth("9rem").setFlexGrow(0);
        problems.addColumn(p -> p.file() + (p.line() > 0 ? ":" + p.line() : "")).setHeader("Where").setAutoWidth(true);
        problems.addColumn(HelmfileProblem::message).setHeader("What").setFlexGrow(2).setTooltipGenerator(HelmfileProblem::message);
        problems.setEmptyStateText("Nothing to report.");
        problems.setHeight("14rem");
        convert.setId("helmfile-convert");
        convert.setVisible(false);
        convert.addClickListener(e -> new EnvironmentChoiceDialog<>(LayoutChoices.conversion(conversions, shown), shown, background).open());
        keep.setId("helmfile-keep");
        keep.setVisible(false);
        keep.addClickListener(e -> new EnvironmentChoiceDialog<>(LayoutChoices.keeping(layouts, shown), shown, background).open());
        buttons = new HorizontalLayout(read, convert, keep);
        add(new H2("Read as helmfile"));
        kept.ifPresent(k -> {
            valueEdit = new ValueEditForm(edits, k, background);
            add(LayoutChoices.keptSummary(k, admin, layouts), new H3("Change a value in place"), valueEdit);
        });
        add(intro, buttons);
        if (currentUser.require(Role.DEVELOPER).hasRole(Role.ADMIN)) {
            add(new GitUrlReadForm(imports, work -> run(background, work, false)));
        }
        add(progress, summary, new H3("Environments"), environments, new H3("Releases"), proposed,
                new H3("Problems"), problems);
    }

    /** Reads off the UI thread with progress shown; only a read of main may lead to converting it. */
    private void run(BackgroundWork background, java.util.concurrent.Callable<HelmfileImports.Report> work, boolean main) {
        buttons.setEnabled(false);
        progress.setVisible(true);
        summary.setText("Reading: every template runs in the render workers…");
        background.run(getUI().orElseThrow(), work, report -> {
            show(report, main);
            buttons.setEnabled(true);
            progress.setVisible(false);
        }, failure -> {
            Notifications.error("Could not read the repository: " + failure.getMessage());
            buttons.setEnabled(true);
            progress.setVisible(false);
            summary.setText("");
        });
    }

    private void show(HelmfileImports.Report report, boolean main) {
        long errors = report.problems().stream().filter(p -> p.kind() == HelmfileProblem.Kind.ERROR).count();
        summary.setText("Commit " + report.commit().substring(0, 7) + ": " + report.environments().size() + " environment(s), "
                + report.releases().size() + " release(s) across them, " + report.proposed().size() + " release(s) in Chartroom; "
                + (errors == 0 ? "everything read" : errors + " file(s) or line(s) could not be read") + ".");
        environments.setItems(report.environments());
        proposed.setItems(report.proposed());
        problems.setItems(report.problems());
        shown = report;
        convert.setVisible(main && mayConvert && report.problems().stream().allMatch(p -> p.kind() == HelmfileProblem.Kind.WARNING));
        keep.setVisible(convert.isVisible() && valueEdit == null);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("release").ifPresent(name -> {
            if (valueEdit != null) {
                valueEdit.choose(name);
            }
        });
    }
}
