package io.chartroom.changes.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Notifications;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.changes.service.ReleasePipeline;
import io.chartroom.changes.service.ReleasePromotions;
import io.chartroom.base.text.UnifiedDiff;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.releases.service.UpgradeCheck;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A release's chart versions as a pipeline: each environment in order with the version it runs and what waits to be
 * promoted into it from the one before; and an upgrade (of one environment, or of the base) checked before it is
 * proposed. Each action opens a change request and goes there.
 */
@Route("releases/:name/versions")
@PermitAll
public class ReleaseVersionsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {


    private final ReleasePromotions promotions;
    private final ReleasePipeline pipeline;
    private final CurrentUser currentUser;
    private @Nullable ReleaseDescription release;
    private final Div findings = new Div();

    public ReleaseVersionsView(ReleasePromotions promotions, ReleasePipeline pipeline, CurrentUser currentUser) {
        this.promotions = promotions;
        this.pipeline = pipeline;
        this.currentUser = currentUser;
        addClassName("release-versions");
    }

    @Override
    public String getPageTitle() {
        return release == null ? "Versions" : "Versions of " + release.name();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        release = promotions.release(event.getRouteParameters().get("name").orElseThrow());
        build();
    }

    private void build() {
        removeAll();
        List<ChartVersion> versions = promotions.availableVersions(release);
        boolean developer = currentUser.find().map(u -> u.hasRole(Role.DEVELOPER)).orElse(false);
        H2 heading = new H2("Versions of " + release.name());
        heading.setId("versions-title");
        HorizontalLayout header = new HorizontalLayout(heading, new Badge(release.chart().repository() + " / " + release.chart().chart(),
                Badge.Tone.NEUTRAL));
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        pipeline.row(release).available().ifPresent(newest -> {
            Badge available = new Badge(newest + " available", Badge.Tone.PRIMARY);
            available.setId("newest-version");
            header.add(available);
        });
        Paragraph intro = new Paragraph("Try a new chart version in the first environment, then promote it to the next: each step is a "
                + "change request with the diff for every cluster and the environment's approval rules.");
        intro.addClassName("view-intro");
        add(header, intro, pipeline(developer));
        if (developer) {
            add(new H3("Upgrade"), upgradeForm(versions), findings);
        }
    }

    private Grid<ReleasePipeline.Stage> pipeline(boolean developer) {
        ReleasePipeline.Row row = pipeline.row(release);
        Grid<ReleasePipeline.Stage> grid = new Grid<>();
        grid.setId("version-pipeline");
        grid.addColumn(ReleasePipeline.Stage::environment).setHeader("Environment").setAutoWidth(true);
        grid.addColumn(ReleasePipeline.Stage::version).setHeader("Chart version").setAutoWidth(true);
        grid.addColumn(s -> s.waiting() == null ? "" : s.waiting() + " from " + s.previous()).setHeader("Waiting to be promoted").setAutoWidth(true);
        if (developer) {
            grid.addComponentColumn(stage -> {
                if (stage.previous() == null) {
                    return new Span();
                }
                Button promote = new Button("Promote " + stage.previous() + " → " + stage.environment(), VaadinIcon.ARROW_FORWARD.create(),
                        e -> open(() -> promotions.promote(release.name(), stage.previous(), stage.environment(), List.of(), false,
                                Proposal.generated())));
                promote.setId("promote-" + stage.environment());
                promote.addThemeVariants(ButtonVariant.LUMO_SMALL);
                promote.setEnabled(stage.waiting() != null);
                return promote;
            }).setHeader("").setAutoWidth(true);
        }
        grid.setItems(row.stages());
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        return grid;
    }

    private HorizontalLayout upgradeForm(List<ChartVersion> versions) {
        UpgradeTargetPicker environment = new UpgradeTargetPicker("upgrade-environment", release.environments());
        ComboBox<ChartVersion> version = new ComboBox<>("Version");
        version.setId("upgrade-version");
        version.setItems(versions);
        version.setItemLabelGenerator(ChartVersion::label);
        version.setWidth("22em");
        Button check = new Button("Check", VaadinIcon.SEARCH.create());
        check.setId("upgrade-check");
        Button propose = new Button("Open change request", VaadinIcon.ROAD_BRANCH.create());
        propose.setId("upgrade-propose");
        propose.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        propose.setEnabled(false);
        version.addValueChangeListener(e -> propose.setEnabled(false));
        environment.addValueChangeListener(e -> propose.setEnabled(false));
        check.addClickListener(e -> {
            if (version.getValue() == null) {
                version.setInvalid(true);
                version.setErrorMessage("Choose a version");
                return;
            }
            try {
                ReleasePromotions.Preview preview = promotions.previewUpgrade(release.name(), environment.environment(),
                        version.getValue().version());
                showFindings(preview);
                propose.setEnabled(!preview.blocked());
            } catch (RuntimeException refused) {
                Notifications.error(refused.getMessage());
            }
        });
        propose.addClickListener(e -> open(() -> promotions.upgrade(release.name(), environment.environment(),
                version.getValue().version(), Proposal.generated())));
        HorizontalLayout form = new HorizontalLayout(environment, version, check, propose);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private void showFindings(ReleasePromotions.Preview preview) {
        findings.removeAll();
        findings.setId("upgrade-findings");
        StringBuilder moves = new StringBuilder();
        preview.after().environments().forEach(env -> {
            if (!preview.before().versionFor(env).equals(preview.after().versionFor(env))) {
                moves.append(moves.isEmpty() ? "" : ", ").append(env).append(": ").append(preview.before().versionFor(env))
                        .append(" → ").append(preview.after().versionFor(env));
            }
        });
        findings.add(new Paragraph(moves.isEmpty() ? "No environment changes version." : "Moves " + moves + "."));
        if (preview.findings().isEmpty()) {
            findings.add(new Badge("Nothing blocks this upgrade; the change request shows the rendered diff per cluster", Badge.Tone.SUCCESS));
        }
        for (ChangeReview.EnvironmentChange env : preview.environments()) {
            for (ChangeReview.TargetDiff target : env.targets()) {
                Div row = new Div(new Span(env.environment() + " · Kubernetes " + target.kubeVersion()
                        + (target.clusters().isEmpty() ? "" : " (" + String.join(", ", target.clusters()) + ")") + ": "
                        + (target.errorAfter() != null ? "does not render: " + target.errorAfter()
                        : target.count(ChangeReview.ObjectStatus.CHANGED) + " changed, " + target.count(ChangeReview.ObjectStatus.ADDED)
                        + " added, " + target.count(ChangeReview.ObjectStatus.REMOVED) + " removed, "
                        + target.count(ChangeReview.ObjectStatus.UNCHANGED) + " unchanged objects")));
                row.addClassName("upgrade-target");
                findings.add(row);
            }
        }
        for (UpgradeCheck.DefaultsChange defaults : preview.defaults()) {
            String diff = UnifiedDiff.of("values.yaml", defaults.valuesBefore(), defaults.valuesAfter());
            Pre text = new Pre(diff.isEmpty() ? "(the same defaults)" : diff);
            text.addClassName("upgrade-defaults-diff");
            Details details = new Details("Chart defaults " + defaults.from() + " → " + defaults.to(), text);
            findings.add(details);
        }
        for (UpgradeCheck.Finding f : preview.findings()) {
            Div row = new Div(new Badge(f.blocking() ? "blocks" : "note", f.blocking() ? Badge.Tone.ERROR : Badge.Tone.WARNING),
                    new Span(" " + f));
            row.addClassName("upgrade-finding");
            findings.add(row);
        }
    }

    private void open(Supplier<ChangeRequest> action) {
        try {
            ChangeRequest cr = action.get();
            Notifications.success("Opened change request #" + cr.id());
            getUI().ifPresent(ui -> ui.navigate("change-requests/" + cr.id()));
        } catch (RuntimeException refused) {
            Notifications.error(refused.getMessage());
        }
    }
}
