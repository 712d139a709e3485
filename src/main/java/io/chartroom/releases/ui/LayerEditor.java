package io.chartroom.releases.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.YamlEditor;
import io.chartroom.releases.service.DraftCheck;
import io.chartroom.releases.form.FormField;
import io.chartroom.releases.form.LayerState;
import io.chartroom.releases.values.YamlLines;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer of values (the base or an environment) with two views of it, kept in sync both ways: the form
 * generated from the chart, and the YAML in a code editor. Problems found by the checks are marked on their
 * field and at their line.
 */
class LayerEditor extends Div {

    private final LayerState layer;
    private final ValuesForm form;
    private final YamlEditor yaml = new YamlEditor();
    private final Tab formTab = new Tab("Form");
    private final Tab yamlTab = new Tab("YAML");
    private final Tabs modes = new Tabs(formTab, yamlTab);
    private final Div content = new Div();
    private final Runnable changed;
    private boolean formStale;

    LayerEditor(String id, FormField.Group model, LayerState layer, boolean environmentLayer, Runnable changed) {
        this.layer = layer;
        this.changed = changed;
        addClassName("layer-editor");
        setId("layer-" + id);
        form = new ValuesForm(id, model, layer, environmentLayer, this::formChanged);
        yaml.setValue(layer.yaml());
        yaml.setHeight("28rem");
        yaml.setWidthFull();
        yaml.setId("yaml-" + id);
        yaml.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                yamlChanged(e.getValue());
            }
        });
        formTab.setId("form-tab-" + id);
        yamlTab.setId("yaml-tab-" + id);
        modes.addThemeVariants(com.vaadin.flow.component.tabs.TabsVariant.LUMO_SMALL);
        modes.addSelectedChangeListener(e -> show(e.getSelectedTab() == yamlTab));
        content.addClassName("layer-content");
        add(modes, content);
        show(false);
    }

    LayerState layer() {
        return layer;
    }

    private void show(boolean yamlMode) {
        content.removeAll();
        if (yamlMode) {
            yaml.setValue(layer.yaml());
            content.add(yaml);
        } else {
            if (formStale) {
                form.rebuild();
                formStale = false;
            }
            content.add(form);
        }
    }

    private void formChanged() {
        yaml.setValue(layer.yaml());
        changed.run();
    }

    private void yamlChanged(String text) {
        InvalidInputException error = layer.replaceLeniently(text);
        // the text may arrive after the Form tab was chosen (the editor sends it when it loses focus)
        formOutdated();
        if (error != null) {
            yaml.setDiagnostics(diagnostics(error.problems().stream()
                    .map(p -> DraftCheck.Problem.error(layer.name(), p.location(), p.message())).toList()));
        }
        changed.run();
    }

    /** Inherited values changed (the base, under an environment): fields show the new placeholders. */
    void inheritedChanged() {
        formOutdated();
    }

    /** The layer changed under the form: rebuilt now if it is shown, else when it is. */
    private void formOutdated() {
        formStale = true;
        if (content.getChildren().anyMatch(c -> c == form)) {
            form.rebuild();
            formStale = false;
        }
    }

    /** Marks this layer's problems: on the form's fields by path, in the YAML editor at their lines. */
    void showProblems(List<DraftCheck.Problem> problems) {
        Map<String, String> byPath = new HashMap<>();
        for (DraftCheck.Problem p : problems) {
            if (p.severity() == DraftCheck.Severity.ERROR || !byPath.containsKey(p.location())) {
                byPath.put(p.location(), p.message());
            }
        }
        form.showProblems(byPath);
        yaml.setDiagnostics(diagnostics(problems));
    }

    private List<YamlEditor.Diagnostic> diagnostics(List<DraftCheck.Problem> problems) {
        List<YamlEditor.Diagnostic> out = new ArrayList<>();
        for (DraftCheck.Problem p : problems) {
            String location = p.location() == null ? "" : p.location();
            // "layer:line:column" from the YAML parser, else a values path
            String[] parts = location.split(":");
            if (parts.length == 3 && parts[1].matches("\\d+")) {
                out.add(new YamlEditor.Diagnostic(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), p.message(),
                        p.severity() == DraftCheck.Severity.ERROR));
            } else {
                int line = YamlLines.lineOf(layer.yaml(), parse(location)).orElse(1);
                out.add(new YamlEditor.Diagnostic(line, 0, location + ": " + p.message(), p.severity() == DraftCheck.Severity.ERROR));
            }
        }
        return out;
    }

    /** "image.tag", "env[0].name" back into a path. */
    static List<Object> parse(String pathText) {
        List<Object> path = new ArrayList<>();
        for (String part : pathText.split("\\.")) {
            String key = part;
            int bracket = key.indexOf('[');
            String rest = bracket >= 0 ? key.substring(bracket) : "";
            if (bracket >= 0) {
                key = key.substring(0, bracket);
            }
            if (!key.isEmpty()) {
                path.add(key.replace("\"", ""));
            }
            for (String index : rest.split("[\\[\\]]+")) {
                if (index.matches("\\d+")) {
                    path.add(Integer.parseInt(index));
                }
            }
        }
        return path;
    }

    /** Shows the form and puts the cursor on a field, if it has it. */
    boolean focusField(String pathText) {
        modes.setSelectedTab(formTab);
        return form.focus(pathText);
    }

    /** Shows the YAML editor (for problems that have a line, not a field). */
    void showYaml() {
        modes.setSelectedTab(yamlTab);
    }
}
