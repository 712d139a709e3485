package io.chartroom.releases.ui;

import com.vaadin.flow.component.Focusable;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.chartroom.releases.form.FormField;
import io.chartroom.releases.form.LayerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A values form for one layer, generated from the chart's form model: sections for objects, selects for
 * enums, bounded number fields, toggles, lists of values and of objects (add, remove, reorder), maps, and a
 * choice for oneOf/anyOf, each kind its own editor ({@link GroupEditor}, {@link ScalarEditor},
 * {@link ListEditor}, {@link MapEditor}, {@link ChoiceEditor}). It reads the {@link LayerState} and edits it only
 * through the layer's methods; in an environment layer it shows what is inherited, what this layer overrides,
 * and resets an override. Values the form cannot show stay in the layer untouched and are listed as YAML-only.
 */
public class ValuesForm extends Div {

    private final FormField.Group model;
    private final FormContext context;
    private final GroupEditor groups;
    /** The last problems by path: a rebuild (after the YAML changed) marks its new inputs again. */
    private Map<String, String> problems = Map.of();

    /** @param idPrefix makes element ids unique per layer ("base", "production") */
    public ValuesForm(String idPrefix, FormField.Group model, LayerState layer, boolean environmentLayer, Runnable changed) {
        this.model = model;
        this.context = new FormContext(idPrefix, layer, environmentLayer, changed, this::rebuild);
        this.groups = new GroupEditor(context);
        context.onBuilt(this::mark);
        addClassName("values-form");
        rebuild();
    }

    /** Builds the form again from the layer (after the YAML changed, or a list changed shape). */
    public void rebuild() {
        removeAll();
        context.inputs().clear();
        groups.reset();
        if (model.properties().isEmpty()) {
            add(new Span("This chart declares no values: edit the YAML tab to pass values anyway."));
            return;
        }
        add(groups.body(model, new ArrayList<>(), 0));
        mark();
    }

    /** Marks fields with problems (by values path, e.g. "image.tag"); clears the others. */
    public void showProblems(Map<String, String> byPath) {
        problems = Map.copyOf(byPath);
        mark();
    }

    /**
     * Marks the problems of fields the user has typed in or the layer sets (from YAML, or loaded): a fresh form
     * shows no error before the user has typed; the Checks panel lists them all.
     */
    private void mark() {
        context.inputs().forEach((path, input) -> {
            String message = context.touched(path) ? problems.get(path) : null;
            input.setInvalid(message != null);
            input.setErrorMessage(message);
        });
    }

    /** Moves the cursor to the field at the path, if the form shows it. */
    public boolean focus(String pathText) {
        if (!context.inputs().containsKey(pathText)) {
            // in a section not built yet: open the sections on its path, then build the form again
            List<Object> path = LayerEditor.parse(pathText);
            for (int i = 1; i < path.size(); i++) {
                context.openSections().add(io.chartroom.releases.values.ValuesPaths.text(path.subList(0, i)));
            }
            rebuild();
        }
        HasValidation input = context.inputs().get(pathText);
        if (input instanceof Focusable<?> focusable) {
            focusable.focus();
            return true;
        }
        return false;
    }
}
