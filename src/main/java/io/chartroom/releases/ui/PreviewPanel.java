package io.chartroom.releases.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import io.chartroom.base.ui.BackgroundWork;
import io.chartroom.base.ui.YamlEditor;
import io.chartroom.releases.service.DraftCheck;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.ReleaseDraftService;
import io.chartroom.releases.service.RenderedManifests;
import io.chartroom.releases.service.RenderedTarget;
import io.chartroom.releases.values.ValuesYaml;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the draft renders in the chosen environment, per Kubernetes version of its clusters: the manifests by
 * kind (with their source templates), the effective values and helm lint's findings. Rendered off the UI
 * thread; only the newest request's result is shown.
 */
final class PreviewPanel extends Div {

    private final ReleaseDraftService drafts;
    private final BackgroundWork background;
    private final String chartName;
    private final Supplier<ReleaseDraft> draft;
    private final Supplier<DraftCheck> lastCheck;
    private final Select<String> environment = new Select<>();
    private final Div status = new Div();
    private final Div body = new Div();
    private final AtomicLong generation = new AtomicLong();

    /** @param draft the draft as the editor has it now; @param lastCheck its latest check, or null */
    PreviewPanel(ReleaseDraftService drafts, BackgroundWork background, String chartName, Supplier<ReleaseDraft> draft,
                 Supplier<DraftCheck> lastCheck) {
        this.drafts = drafts;
        this.background = background;
        this.chartName = chartName;
        this.draft = draft;
        this.lastCheck = lastCheck;
        environment.setLabel("Preview for");
        environment.setId("preview-environment");
        environment.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                refresh();
            }
        });
        status.setId("preview-status");
        body.setId("preview");
        add(new H3("Preview"), environment, status, body);
    }

    /** Previews this environment (the layer being edited), if it is one of the chosen and not already shown. */
    void follow(String env) {
        if (env != null && !env.equals(environment.getValue()) && environment.getListDataView().contains(env)) {
            environment.setValue(env);
            refresh();
        }
    }

    /** The environments to choose from; the chosen one stays if it still is one, else the first. */
    void setEnvironments(List<String> chosen) {
        String current = environment.getValue();
        environment.setItems(chosen);
        environment.setValue(chosen.contains(current) ? current : chosen.isEmpty() ? null : chosen.getFirst());
    }

    /** Renders the chosen environment again, in the background. */
    void refresh() {
        String env = environment.getValue();
        body.removeAll();
        if (env == null) {
            showStatus(new Span("Choose an environment to see what the release renders there."));
            return;
        }
        DraftCheck checked = lastCheck.get();
        DraftCheck.EnvironmentCheck check = checked == null ? null : checked.environments().get(env);
        if (check == null) {
            showStatus(new Span("Fix the YAML of the layers first: the values do not parse."));
            return;
        }
        long requested = generation.incrementAndGet();
        ProgressBar progress = new ProgressBar();
        progress.setIndeterminate(true);
        showStatus(new Span("Rendering " + chartName + " for " + env + " (" + String.join(", ", check.kubeVersions()) + ")…"), progress);
        ReleaseDraft rendered = draft.get();
        background.run(UI.getCurrent(), () -> drafts.preview(rendered, List.of(env)), targets -> {
            if (requested == generation.get()) {
                show(check, targets);
            }
        }, error -> {
            if (requested == generation.get()) {
                showStatus(new Span("The preview failed: " + error.getMessage()));
            }
        });
    }

    private void showStatus(Component... components) {
        status.removeAll();
        status.add(components);
    }

    private void show(DraftCheck.EnvironmentCheck check, List<RenderedTarget> targets) {
        status.removeAll();
        body.removeAll();
        for (RenderedTarget target : targets) {
            Div heading = new Div(new Span("Kubernetes " + target.kubeVersion()),
                    new Span(target.clusters().isEmpty() ? " · no cluster selected" : " · " + String.join(", ", target.clusters())),
                    new Span(" · " + (target.cached() ? "cached" : target.millis() + " ms")));
            heading.addClassName("preview-target");
            body.add(heading);
            if (!target.ok()) {
                Div error = new Div(VaadinIcon.CLOSE_CIRCLE.create(), new Span(target.error()));
                error.addClassName("callout-error");
                error.setId("render-error");
                body.add(error);
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
            body.add(tabs);
        }
    }

    private static Component manifests(List<RenderedManifests.ManifestObject> objects) {
        Div manifests = new Div();
        manifests.setId("preview-manifests");
        if (objects.isEmpty()) {
            manifests.add(new Paragraph("The chart renders no objects with these values."));
            return manifests;
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
            manifests.add(details);
        }
        return manifests;
    }

    private static Component lint(RenderedTarget target) {
        Div lint = new Div();
        lint.add(new Span(target.lintOk() ? "helm lint passed" : "helm lint failed"));
        target.lintMessages().forEach(m -> lint.add(new Pre(m)));
        return lint;
    }
}
