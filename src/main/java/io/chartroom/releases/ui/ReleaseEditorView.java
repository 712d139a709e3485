package io.chartroom.releases.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.chartroom.base.ui.BackgroundWork;
import io.chartroom.base.ui.Badge;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.releases.service.ChartInfo;
import io.chartroom.releases.service.DraftCheck;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.ReleaseDraftService;
import io.chartroom.releases.service.ReleaseSubmissions;
import io.chartroom.releases.service.SavedDrafts;
import io.chartroom.security.service.CurrentUser;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Describing a release: its name, namespace, team and environments ({@link ReleaseIdentityForm}); its values
 * per layer, base then each environment, in a form generated from the chart and in YAML ({@link ValuesLayerTabs});
 * checked on every change, with problems on their fields ({@link ChecksPanel}); and a preview of what it renders
 * in each environment, rendered in the background ({@link PreviewPanel}); then submitted as a change request.
 */
@Route("releases/new/:version(\\d+)")
@RouteAlias("releases/:release/edit")
@RouteAlias("change-requests/:changeRequest(\\d+)/edit")
@RolesAllowed("DEVELOPER")
public class ReleaseEditorView extends VerticalLayout implements BeforeEnterObserver, BeforeLeaveObserver, HasDynamicTitle {

    private final ReleaseDraftService drafts;
    private final EnvironmentService environments;
    private final BackgroundWork background;
    private final CurrentUser currentUser;
    private final ObjectProvider<ReleaseSubmissions> submissions;
    private final Button submit = new Button();
    private final SavedDrafts savedDrafts;
    private final DraftState draftState;
    /** The draft as the page opened it (main's release, the change request's, or empty): what counts as unchanged. */
    private ReleaseDraft baseline;
    private String draftKey;

    private ChartInfo chart;
    private long versionId;
    /** Another team's release: shown, not editable. */
    private boolean readOnly;
    /** Environments that run another version of the chart (an upgrade being tried): kept as they are. */
    private final EnvironmentVersionPickers environmentVersions = new EnvironmentVersionPickers(this::check);
    private String editing;
    private ReleaseSubmissions.Proposed amending;
    private ReleaseIdentityForm identity;
    private ValuesLayerTabs layers;
    private ChecksPanel checks;
    private PreviewPanel preview;
    private DraftCheck lastCheck;
    private String title = "New release";

    public ReleaseEditorView(ReleaseDraftService drafts, EnvironmentService environments, BackgroundWork background,
                             CurrentUser currentUser, ObjectProvider<ReleaseSubmissions> submissions, SavedDrafts savedDrafts) {
        this.submissions = submissions;
        this.savedDrafts = savedDrafts;
        this.draftState = new DraftState(savedDrafts, this::discarded);
        this.drafts = drafts;
        this.environments = environments;
        this.background = background;
        this.currentUser = currentUser;
        addClassName("release-editor");
        setSizeFull();
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getRouteParameters();
        ReleaseDraft draft;
        if (params.get("changeRequest").isPresent()) {
            amending = submissions.getObject().proposed(Long.parseLong(params.get("changeRequest").get()));
            editing = amending.editing();
            draft = drafts.draftOf(amending.release());
        } else if (params.get("release").isPresent()) {
            editing = params.get("release").get();
            draft = drafts.load(editing);
        } else {
            UserIdentity user = currentUser.get();
            draft = new ReleaseDraft("", "", user.teams().isEmpty() ? "" : user.teams().first(),
                    Long.parseLong(params.get("version").orElseThrow()), List.of(), "", Map.of());
        }
        versionId = draft.chartVersionId();
        environmentVersions.setVersionIds(draft.environmentChartVersionIds());
        UserIdentity user = currentUser.get();
        // a release of another team, or a change request that creates one: shown, not editable
        readOnly = (editing != null || amending != null) && !user.hasRole(Role.ADMIN) && !user.inTeam(draft.team());
        chart = drafts.chart(versionId);
        title = (amending != null ? "Change request #" + amending.changeRequestId() + " · "
                : editing == null ? "New release of " : "Edit " + editing + " · ") + chart.detail().chart().name();
        draftKey = amending != null ? SavedDrafts.forChangeRequest(amending.changeRequestId()) : SavedDrafts.forRelease(editing, versionId);
        build(draft);
        baseline = draft();
        if (!readOnly) {
            savedDrafts.findOtherThan(draftKey, baseline).ifPresent(this::restore);
        }
        check();
    }

    /** Brings back the user's saved draft; one whose chart version left the catalog is dropped. */
    private void restore(SavedDrafts.Saved saved) {
        ChartInfo savedChart;
        try {
            savedChart = drafts.chart(saved.draft().chartVersionId());
        } catch (RuntimeException gone) {
            savedDrafts.discard(draftKey);
            return;
        }
        chart = savedChart;
        versionId = saved.draft().chartVersionId();
        environmentVersions.setVersionIds(saved.draft().environmentChartVersionIds());
        build(saved.draft());
        draftState.restored(draftKey, saved);
    }

    /** The user threw the draft away: the page shows what it opened with. */
    private void discarded() {
        chart = drafts.chart(baseline.chartVersionId());
        versionId = baseline.chartVersionId();
        environmentVersions.setVersionIds(baseline.environmentChartVersionIds());
        build(baseline);
        check();
    }

    @Override
    public void beforeLeave(BeforeLeaveEvent event) {
        draftState.confirmLeaving(event);
    }

    private void build(ReleaseDraft draft) {
        removeAll();
        add(header());
        identity = new ReleaseIdentityForm(draft, editing != null, currentUser.get(), environments.targets());
        layers = new ValuesLayerTabs(chart, draft.baseValues(), draft.environments(), draft.environmentValues(), this::changed);
        checks = new ChecksPanel(layers::reveal);
        preview = new PreviewPanel(drafts, background, chart.detail().chart().name(), this::draft, () -> lastCheck);
        layers.onEnvironmentSelected(preview::follow);
        showLayers();
        identity.onChange(this::check, () -> {
            showLayers();
            changed();
        });

        Div left = new Div(identity, environmentVersions, new H3("Values"), layers);
        left.addClassName("editor-left");
        if (readOnly) {
            // another team's release: readable, not editable, and said before anyone starts typing
            Div callout = new Div(new Span("Read-only: " + editing + " belongs to team " + draft.team() + "; only its developers and "
                    + "ADMINs may change it."));
            callout.setId("editor-read-only");
            callout.addClassName("callout-error");
            add(callout);
            left.setEnabled(false);
        }
        Div right = new Div(checks, preview);
        right.addClassName("editor-right");
        SplitLayout split = new SplitLayout(left, right);
        split.setSplitterPosition(58);
        split.setSizeFull();
        add(split);
        expand(split);
    }

    /** The title, the chart, and the actions: the repository files, removing the release, submitting. */
    private VerticalLayout header() {
        H2 heading = new H2(amending != null ? "Change request #" + amending.changeRequestId() + ": " + editing
                : editing == null ? "New release" : "Edit release " + editing);
        Span chartBadge = new Badge(chart.detail().chart().repository() + " / " + chart.detail().chart().name(), Badge.Tone.NEUTRAL);
        chartBadge.setId("editor-chart");
        ChartVersionPicker version = new ChartVersionPicker(null, drafts.versions(versionId), versionId, false, this::baseVersionChosen);
        version.setId("editor-version");
        version.setReadOnly(readOnly);
        version.setWidth("17em");
        version.setTooltipText("The chart version every environment runs unless it has its own");
        Span form = new Badge(chart.hasSchema() ? "form from values.schema.json" : "form inferred from values.yaml", Badge.Tone.NEUTRAL);
        Button files = new Button("Repository files", VaadinIcon.FILE_CODE.create(), e -> RepositoryFilesDialog.openFor(drafts, draft(), editing));
        files.setId("show-files");
        submit.setText(amending != null ? "Add commit" : "Submit change request");
        submit.setIcon(VaadinIcon.ROAD_BRANCH.create());
        submit.setId("submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> new SubmitDialog(draft(), editing, amending, drafts.proposedTitle(draft(), editing), submissions,
                this::openChangeRequest).open());
        submit.setEnabled(false);
        Div spacer = new Div();
        spacer.getStyle().set("flex", "1");
        // the heading on a line of its own, the chart and the actions below it: at 1280 px the submit button stays in view
        HorizontalLayout header = new HorizontalLayout(chartBadge, version, form, spacer, files);
        header.setWrap(true);
        if (editing != null && amending == null && !readOnly) {
            Button remove = new Button("Remove release…", VaadinIcon.TRASH.create(),
                    e -> new RemoveReleaseDialog(editing, submissions, this::openChangeRequest).open());
            remove.setId("remove-release");
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            header.add(remove);
        }
        if (!readOnly) {
            header.add(submit);
        }
        header.setWidthFull();
        header.setAlignItems(Alignment.CENTER);
        HorizontalLayout headingRow = new HorizontalLayout(heading, draftState);
        headingRow.setAlignItems(Alignment.BASELINE);
        headingRow.setWrap(true);
        VerticalLayout top = new VerticalLayout(headingRow, header);
        top.setPadding(false);
        top.setSpacing(false);
        top.setWidthFull();
        return top;
    }

    /** Another base version: the form follows the new version's schema, the values typed so far stay. */
    private void baseVersionChosen(long id) {
        ReleaseDraft current = draft().withChartVersionId(id);
        versionId = id;
        chart = drafts.chart(id);
        build(current);
        check();
    }

    /** A tab per chosen environment, and those to preview. */
    private void showLayers() {
        List<String> chosen = orderedEnvironments();
        layers.show(chosen);
        preview.setEnvironments(chosen);
        environmentVersions.show(chosen, drafts.versions(versionId), versionId);
    }

    /** The chosen environments in the portal's order. */
    private List<String> orderedEnvironments() {
        return environments.list().stream().map(e -> e.name()).filter(identity.chosenEnvironments()::contains).toList();
    }

    private void changed() {
        layers.baseChanged();
        check();
    }

    private ReleaseDraft draft() {
        Map<String, String> envValues = new LinkedHashMap<>();
        for (String env : orderedEnvironments()) {
            envValues.put(env, layers.environmentYaml(env));
        }
        return new ReleaseDraft(identity.name(), identity.namespace(), identity.team(), versionId, orderedEnvironments(),
                layers.baseYaml(), envValues, environmentVersions.versionIds());
    }

    /** Checks the draft (fast: no render) and shows the problems; then renders the preview in the background. */
    private void check() {
        ReleaseDraft current = draft();
        lastCheck = drafts.check(current, editing);
        showProblems(lastCheck, editing == null && (baseline == null || current.equals(baseline)));
        preview.refresh();
        if (!readOnly && baseline != null) {
            draftState.keep(draftKey, current, current.equals(baseline));
        }
    }

    private void showProblems(DraftCheck check, boolean untouched) {
        submit.setEnabled(check.ok());
        submit.setTooltipText(check.ok() ? null : "Fix the errors listed under Checks first");
        identity.showErrors(check.identityProblems());
        layers.showProblems(check.valueProblemsByLayer());
        checks.show(check, untouched);
    }

    private void openChangeRequest(long id) {
        draftState.submitted(draftKey);
        getUI().ifPresent(ui -> ui.navigate("change-requests/" + id));
    }
}
