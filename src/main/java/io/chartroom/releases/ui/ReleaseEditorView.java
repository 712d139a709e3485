package io.chartroom.releases.ui;

import io.chartroom.gitops.domain.Proposal;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.BackgroundWork;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Notifications;
import io.chartroom.base.ui.YamlEditor;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import io.chartroom.releases.service.DraftCheck;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.releases.form.LayerState;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.ChartInfo;
import io.chartroom.releases.service.ReleaseDraftService;
import io.chartroom.releases.service.RenderedTarget;
import io.chartroom.releases.service.ReleaseSubmissions;
import io.chartroom.releases.service.RenderedManifests;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Describing a release: its name, namespace, team and environments; its values per layer (base, then each
 * environment) in a form generated from the chart and in YAML; checked on every change, with problems on
 * their fields; and a preview of what it renders in each environment, rendered in the background.
 */
@Route("releases/new/:version(\\d+)")
@RouteAlias("releases/:release/edit")
@RouteAlias("change-requests/:changeRequest(\\d+)/edit")
@RolesAllowed("DEVELOPER")
public class ReleaseEditorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ReleaseDraftService drafts;
    private final EnvironmentService environments;
    private final BackgroundWork background;
    private final CurrentUser currentUser;
    private final ObjectProvider<ReleaseSubmissions> submissions;
    private final Button submit = new Button();

    private final TextField name = new TextField("Release name");
    private final TextField namespace = new TextField("Namespace");
    private final ComboBox<String> team = new ComboBox<>("Team");
    private final CheckboxGroup<String> environmentChoice = new CheckboxGroup<>("Environments");
    private final TabSheet layerTabs = new TabSheet();
    private final Div problemsList = new Div();
    private final Span problemsSummary = new Span();
    private final Select<String> previewEnvironment = new Select<>();
    private final Div previewBody = new Div();
    private final Div previewStatus = new Div();
    private final AtomicLong previewGeneration = new AtomicLong();

    private ChartInfo chart;
    private long versionId;
    private String editing;
    private ReleaseSubmissions.Proposed amending;
    private LayerEditor base;
    private final Map<String, LayerEditor> environmentLayers = new LinkedHashMap<>();
    private DraftCheck lastCheck;
    private String title = "New release";

    public ReleaseEditorView(ReleaseDraftService drafts, EnvironmentService environments, BackgroundWork background,
                             CurrentUser currentUser, ObjectProvider<ReleaseSubmissions> submissions) {
        this.submissions = submissions;
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
        chart = drafts.chart(versionId);
        title = (amending != null ? "Change request #" + amending.changeRequestId() + " · "
                : editing == null ? "New release of " : "Edit " + editing + " · ") + chart.detail().chart().name();
        build(draft);
        check();
    }

    // ---- layout ------------------------------------------------------------------------------------

    private void build(ReleaseDraft draft) {
        removeAll();
        H2 heading = new H2(amending != null ? "Change request #" + amending.changeRequestId() + ": " + editing
                : editing == null ? "New release" : "Edit release " + editing);
        Span chartBadge = new Badge(chart.detail().chart().repository() + " / " + chart.detail().chart().name() + " "
                + chart.detail().version().version(), Badge.Tone.NEUTRAL);
        chartBadge.setId("editor-chart");
        Span form = new Badge(chart.hasSchema() ? "form from values.schema.json" : "form inferred from values.yaml", Badge.Tone.NEUTRAL);
        Button files = new Button("Repository files", VaadinIcon.FILE_CODE.create(), e -> showFiles());
        files.setId("show-files");
        submit.setText(amending != null ? "Add commit" : "Submit change request");
        submit.setIcon(VaadinIcon.ROAD_BRANCH.create());
        submit.setId("submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> openSubmitDialog());
        submit.setEnabled(false);
        HorizontalLayout header = new HorizontalLayout(heading, chartBadge, form, spacer(), files);
        if (editing != null && amending == null) {
            Button remove = new Button("Remove release…", VaadinIcon.TRASH.create(), e -> openRemoveDialog());
            remove.setId("remove-release");
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            header.add(remove);
        }
        header.add(submit);
        header.setWidthFull();
        header.setAlignItems(Alignment.CENTER);
        add(header);

        name.setId("release-name");
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.setHelperText("Lowercase letters, digits and dashes");
        name.setValue(draft.name());
        name.setReadOnly(editing != null);
        namespace.setId("release-namespace");
        namespace.setValueChangeMode(ValueChangeMode.LAZY);
        namespace.setValue(draft.namespace());
        UserIdentity user = currentUser.get();
        List<String> teams = new ArrayList<>(user.teams());
        if (!draft.team().isBlank() && !teams.contains(draft.team())) {
            teams.add(draft.team());
        }
        team.setItems(teams);
        team.setAllowCustomValue(user.hasRole(Role.ADMIN));
        team.addCustomValueSetListener(e -> team.setValue(e.getDetail()));
        team.setValue(draft.team().isBlank() ? null : draft.team());
        team.setId("release-team");
        List<EnvironmentService.Targets> targets = environments.targets();
        environmentChoice.setItems(targets.stream().map(t -> t.environment().name()).toList());
        environmentChoice.setItemLabelGenerator(env -> targets.stream().filter(t -> t.environment().name().equals(env)).findFirst()
                .map(t -> env + " (" + (t.clusters().isEmpty() ? "no cluster" : t.clusters().size() == 1 ? "1 cluster" : t.clusters().size() + " clusters") + ")")
                .orElse(env));
        environmentChoice.setValue(new java.util.LinkedHashSet<>(draft.environments()));
        environmentChoice.setId("release-environments");
        FormLayout identity = new FormLayout(name, namespace, team, environmentChoice);
        identity.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40rem", 3));
        identity.setColspan(environmentChoice, 3);

        base = new LayerEditor("base", chart.form(), new LayerState("base", false, chart.defaults(), draft.baseValues()), false, this::changed);
        draft.environments().forEach(env -> environmentLayers.put(env, environmentLayer(env, draft.environmentValues().getOrDefault(env, ""))));
        layerTabs.setId("layer-tabs");
        layerTabs.setWidthFull();
        syncLayerTabs();

        name.addValueChangeListener(e -> check());
        namespace.addValueChangeListener(e -> check());
        team.addValueChangeListener(e -> check());
        environmentChoice.addValueChangeListener(e -> {
            List<String> chosen = orderedEnvironments();
            chosen.forEach(env -> environmentLayers.computeIfAbsent(env, n -> environmentLayer(n, "")));
            syncLayerTabs();
            changed();
        });

        Div left = new Div(identity, new H3("Values"), layerTabs);
        left.addClassName("editor-left");

        problemsSummary.setId("problems-summary");
        problemsList.setId("problems");
        problemsList.addClassName("problems");
        previewEnvironment.setLabel("Preview for");
        previewEnvironment.setId("preview-environment");
        previewEnvironment.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                preview();
            }
        });
        previewStatus.setId("preview-status");
        previewBody.setId("preview");
        Div right = new Div(new H3("Checks"), problemsSummary, problemsList, new H3("Preview"), previewEnvironment, previewStatus, previewBody);
        right.addClassName("editor-right");

        SplitLayout split = new SplitLayout(left, right);
        split.setSplitterPosition(58);
        split.setSizeFull();
        add(split);
        expand(split);
    }

    private LayerEditor environmentLayer(String env, String yaml) {
        LayerState state = new LayerState(env, true, inheritedForEnvironments(), yaml);
        return new LayerEditor(env, chart.form(), state, true, this::changed);
    }

    /** What an environment layer builds on: the chart's defaults with the base values on top. */
    private Map<String, Object> inheritedForEnvironments() {
        return base == null ? chart.defaults() : ValuesTree.effective(chart.defaults(), base.layer().values());
    }

    /**
     * One tab per chosen environment after the base, in the portal's order. Tabs are added and removed, never
     * rebuilt: re-adding a layer's component would orphan the inputs the browser already shows.
     */
    private void syncLayerTabs() {
        if (layerTabs.getTabCount() == 0) {
            layerTabs.add("Base values", base).setId("tab-base");
        }
        List<String> chosen = orderedEnvironments();
        for (int i = layerTabs.getTabCount() - 1; i > 0; i--) {
            Tab tab = layerTabs.getTabAt(i);
            if (!chosen.contains(tab.getLabel())) {
                layerTabs.remove(tab);
            }
        }
        for (int i = 0; i < chosen.size(); i++) {
            String env = chosen.get(i);
            boolean present = layerTabs.getTabCount() > i + 1 && layerTabs.getTabAt(i + 1).getLabel().equals(env);
            if (!present) {
                Tab tab = new Tab(env);
                tab.setId("tab-" + env);
                layerTabs.add(tab, environmentLayers.get(env), i + 1);
            }
        }
        String current = previewEnvironment.getValue();
        previewEnvironment.setItems(chosen);
        previewEnvironment.setValue(chosen.contains(current) ? current : chosen.isEmpty() ? null : chosen.getFirst());
    }

    /** The chosen environments in the portal's order. */
    private List<String> orderedEnvironments() {
        return environments.list().stream().map(e -> e.name()).filter(environmentChoice.getValue()::contains).toList();
    }

    // ---- checking and preview ------------------------------------------------------------------------

    private void changed() {
        Map<String, Object> inherited = inheritedForEnvironments();
        environmentLayers.values().forEach(layer -> {
            layer.layer().inherit(inherited);
            layer.inheritedChanged();
        });
        check();
    }

    private ReleaseDraft draft() {
        Map<String, String> envValues = new LinkedHashMap<>();
        for (String env : orderedEnvironments()) {
            envValues.put(env, environmentLayers.get(env).layer().yaml());
        }
        return new ReleaseDraft(name.getValue().strip(), namespace.getValue().strip(), team.getValue() == null ? "" : team.getValue(),
                versionId, orderedEnvironments(), base.layer().yaml(), envValues);
    }

    /** Checks the draft (fast: no render) and shows the problems; then renders the preview in the background. */
    private void check() {
        lastCheck = drafts.check(draft(), editing);
        showProblems(lastCheck);
        preview();
    }

    private void showProblems(DraftCheck check) {
        submit.setEnabled(check.ok());
        submit.setTooltipText(check.ok() ? null : "Fix the errors listed under Checks first");
        Map<String, String> identityErrors = new LinkedHashMap<>();
        Map<String, List<DraftCheck.Problem>> byLayer = new LinkedHashMap<>();
        for (DraftCheck.Problem p : check.problems()) {
            if (p.layer().equals("release")) {
                identityErrors.putIfAbsent(p.location(), p.message());
            } else {
                byLayer.computeIfAbsent(p.layer(), l -> new ArrayList<>()).add(p);
            }
        }
        mark(name, identityErrors.get("name"));
        mark(namespace, identityErrors.get("namespace"));
        mark(team, identityErrors.get("team"));
        environmentChoice.setInvalid(identityErrors.containsKey("environments"));
        environmentChoice.setErrorMessage(identityErrors.get("environments"));
        base.showProblems(byLayer.getOrDefault("base", List.of()));
        environmentLayers.forEach((env, layer) -> layer.showProblems(byLayer.getOrDefault(env, List.of())));

        problemsList.removeAll();
        int errors = check.errors().size();
        int warnings = check.warnings().size();
        problemsSummary.setText(errors == 0 && warnings == 0 ? "No problems." : errors + (errors == 1 ? " error" : " errors")
                + (warnings > 0 ? ", " + warnings + (warnings == 1 ? " warning" : " warnings") : "")
                + (errors > 0 ? ": fix them to submit" : ""));
        problemsSummary.getElement().getThemeList().set("error", errors > 0);
        for (DraftCheck.Problem p : check.problems()) {
            Div item = new Div((p.severity() == DraftCheck.Severity.ERROR ? VaadinIcon.CLOSE_CIRCLE : VaadinIcon.WARNING).create(),
                    new Span(p.toString()));
            item.addClassNames("problem", p.severity() == DraftCheck.Severity.ERROR ? "problem-error" : "problem-warning");
            item.addClickListener(e -> reveal(p));
            problemsList.add(item);
        }
    }

    private static void mark(com.vaadin.flow.component.HasValidation field, String message) {
        field.setInvalid(message != null);
        field.setErrorMessage(message);
    }

    /** Takes the user to where a problem is: its layer's tab, and its field or its line. */
    private void reveal(DraftCheck.Problem p) {
        LayerEditor layer = p.layer().equals("base") ? base : environmentLayers.get(p.layer());
        if (layer == null) {
            return;
        }
        for (int i = 0; i < layerTabs.getTabCount(); i++) {
            if (layerTabs.getComponent(layerTabs.getTabAt(i)) == layer) {
                layerTabs.setSelectedIndex(i);
            }
        }
        if (p.location() == null || !layer.focusField(p.location())) {
            layer.showYaml();
        }
    }

    /** Renders the chosen environment off the UI thread; only the newest request's result is shown. */
    private void preview() {
        String env = previewEnvironment.getValue();
        previewBody.removeAll();
        if (env == null) {
            previewStatus.removeAll();
            previewStatus.add(new Span("Choose an environment to see what the release renders there."));
            return;
        }
        DraftCheck.EnvironmentCheck check = lastCheck == null ? null : lastCheck.environments().get(env);
        if (check == null) {
            previewStatus.removeAll();
            previewStatus.add(new Span("Fix the YAML of the layers first: the values do not parse."));
            return;
        }
        long generation = previewGeneration.incrementAndGet();
        ProgressBar progress = new ProgressBar();
        progress.setIndeterminate(true);
        previewStatus.removeAll();
        previewStatus.add(new Span("Rendering " + chart.detail().chart().name() + " for " + env + " ("
                + String.join(", ", check.kubeVersions()) + ")…"), progress);
        ReleaseDraft draft = draft();
        UI ui = UI.getCurrent();
        background.run(ui, () -> drafts.preview(draft, List.of(env)), targets -> {
            if (generation == previewGeneration.get()) {
                showPreview(env, check, targets);
            }
        }, error -> {
            if (generation == previewGeneration.get()) {
                previewStatus.removeAll();
                previewStatus.add(new Span("The preview failed: " + error.getMessage()));
            }
        });
    }

    private void showPreview(String env, DraftCheck.EnvironmentCheck check, List<RenderedTarget> targets) {
        previewStatus.removeAll();
        previewBody.removeAll();
        for (RenderedTarget target : targets) {
            Div heading = new Div(new Span("Kubernetes " + target.kubeVersion()),
                    new Span(target.clusters().isEmpty() ? " · no cluster selected" : " · " + String.join(", ", target.clusters())),
                    new Span(" · " + (target.cached() ? "cached" : target.millis() + " ms")));
            heading.addClassName("preview-target");
            previewBody.add(heading);
            if (!target.ok()) {
                Div error = new Div(VaadinIcon.CLOSE_CIRCLE.create(), new Span(target.error()));
                error.addClassName("callout-error");
                error.setId("render-error");
                previewBody.add(error);
                continue;
            }
            TabSheet tabs = new TabSheet();
            tabs.setWidthFull();
            tabs.add("Manifests (" + target.objects().size() + ")", manifests(target.objects()));
            YamlEditor values = new YamlEditor();
            values.setReadOnly(true);
            values.setValue(ValuesYaml.dump(check.effectiveValues()));
            values.setHeight("24rem");
            values.setWidthFull();
            tabs.add("Effective values", values);
            tabs.add("Lint" + (target.lintMessages().isEmpty() ? "" : " (" + target.lintMessages().size() + ")"), lint(target));
            previewBody.add(tabs);
        }
    }

    private Component manifests(List<RenderedManifests.ManifestObject> objects) {
        Div body = new Div();
        body.setId("preview-manifests");
        if (objects.isEmpty()) {
            body.add(new Paragraph("The chart renders no objects with these values."));
            return body;
        }
        for (RenderedManifests.KindGroup group : RenderedManifests.byKind(objects)) {
            Div objectsOfKind = new Div();
            for (RenderedManifests.ManifestObject o : group.objects()) {
                Span source = new Span(o.source() == null ? "" : o.source());
                source.addClassName("muted");
                Pre yaml = new Pre(o.yaml());
                yaml.addClassName("code-block");
                Div heading = new Div(new Span(o.name()), new Span(" "), source);
                if (o.role() != null) {
                    Span role = new Span(o.role());
                    role.addClassName("object-role");
                    heading.add(role);
                }
                objectsOfKind.add(heading, yaml);
            }
            Details details = new Details(group.kind() + " (" + group.objects().size() + ")", objectsOfKind);
            details.addClassName("kind-group");
            body.add(details);
        }
        return body;
    }

    private static Component lint(RenderedTarget target) {
        Div body = new Div();
        body.add(new Span(target.lintOk() ? "helm lint passed" : "helm lint failed"));
        target.lintMessages().forEach(m -> body.add(new Pre(m)));
        return body;
    }

    // ---- files -------------------------------------------------------------------------------------

    private void showFiles() {
        Map<String, String> files;
        try {
            files = drafts.files(draft(), editing);
        } catch (InvalidInputException e) {
            Notifications.error("Fix the problems first: " + e.getMessage());
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Files in the GitOps repository");
        dialog.setWidth("56rem");
        VerticalLayout list = new VerticalLayout();
        files.forEach((path, content) -> {
            Pre pre = new Pre(content);
            pre.addClassName("code-block");
            list.add(new Span(path), pre);
        });
        dialog.add(list);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
    }

    /**
     * Title, description and commit message of the change request (generated ones proposed), then the
     * submission: a branch, a commit and the change request, and on to its page.
     */
    private void openSubmitDialog() {
        ReleaseDraft draft = draft();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(amending != null ? "Add a commit to change request #" + amending.changeRequestId() : "Submit a change request");
        dialog.setWidth("40rem");
        TextField titleField = new TextField("Title");
        titleField.setWidthFull();
        titleField.setId("submit-title");
        titleField.setValue(amending != null ? amending.title()
                : (editing == null ? "Create " : "Update ") + draft.name() + " (" + chart.detail().chart().name() + " " + chart.detail().version().version() + ")");
        TextArea description = new TextArea("Description");
        description.setWidthFull();
        description.setId("submit-description");
        description.setHelperText("Why, and what reviewers should look at (Markdown)");
        description.setValue(amending != null ? amending.description() : "");
        TextField message = new TextField("Commit message");
        message.setWidthFull();
        message.setId("submit-message");
        message.setPlaceholder("The title");
        Paragraph note = new Paragraph(amending != null
                ? "The commit goes onto the change request's branch; its approvals are dismissed."
                : "Chartroom creates a branch with one commit in the GitOps repository and opens a change request for review.");
        note.addClassName("view-intro");
        dialog.add(new VerticalLayout(note, titleField, description, message));
        Button confirm = new Button(amending != null ? "Add commit" : "Open change request", e -> {
            Proposal proposal = new Proposal(titleField.getValue(), description.getValue(), message.getValue());
            long id = amending != null ? submissions.getObject().amend(amending.changeRequestId(), draft, proposal)
                    : submissions.getObject().submit(draft, editing, proposal);
            dialog.close();
            getUI().ifPresent(ui -> ui.navigate("change-requests/" + id));
        });
        confirm.setId("submit-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setDisableOnClick(true);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    private void openRemoveDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Remove " + editing + " from every environment?");
        dialog.add(new Paragraph("This opens a change request that deletes the release's files. Once it is approved and merged, "
                + "the reconciler removes the release's objects from its clusters."));
        Button confirm = new Button("Open change request", e -> {
            long id = submissions.getObject().submitRemoval(editing, new Proposal(null, null, null));
            dialog.close();
            getUI().ifPresent(ui -> ui.navigate("change-requests/" + id));
        });
        confirm.setId("remove-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        confirm.setDisableOnClick(true);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    private static Div spacer() {
        Div spacer = new Div();
        spacer.getStyle().set("flex", "1");
        return spacer;
    }
}
