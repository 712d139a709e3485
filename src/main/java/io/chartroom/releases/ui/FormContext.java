package io.chartroom.releases.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.chartroom.releases.form.LayerState;
import io.chartroom.releases.values.ValuesYaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the editors of one layer's form share: the layer they edit (only through its methods), element ids,
 * the inputs by values path (for problems and focus), the sections left open across rebuilds, and how an edit
 * is told: a value written keeps the form, an edit of the shape (lists, keys, variants, resets) rebuilds it.
 */
final class FormContext {

    private final LayerState layer;
    private final boolean environmentLayer;
    private final String idPrefix;
    private final Runnable changed;
    private final Runnable rebuild;
    private Runnable built = () -> { };
    private final Map<String, HasValidation> inputs = new HashMap<>();
    private final Set<String> openSections = new HashSet<>();
    private final Set<String> typedIn = new HashSet<>();

    FormContext(String idPrefix, LayerState layer, boolean environmentLayer, Runnable changed, Runnable rebuild) {
        this.idPrefix = idPrefix;
        this.layer = layer;
        this.environmentLayer = environmentLayer;
        this.changed = changed;
        this.rebuild = rebuild;
    }

    LayerState layer() {
        return layer;
    }

    boolean environmentLayer() {
        return environmentLayer;
    }

    /** Writes one value from a field; null clears it (see {@link LayerState#write}). */
    void write(List<Object> path, Object value) {
        typedIn.add(io.chartroom.releases.values.ValuesPaths.text(path));
        layer.write(path, value);
        changed.run();
    }

    /** An edit of the layer's shape: made, told, and the form built again. */
    void edit(Runnable change) {
        change.run();
        edited();
    }

    /** The layer's shape was edited: told, and the form built again. */
    void edited() {
        changed.run();
        rebuild.run();
    }

    /** The element id of a part of the form: layer, kind and path, e.g. production-field-image_tag. */
    String id(String kind, String pathText) {
        return idPrefix + "-" + kind + "-" + pathText.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    String fieldId(String pathText) {
        return id("field", pathText);
    }

    /** Keeps the input of a values path, for problems and focus. */
    <C extends Component & HasValidation> C register(String pathText, C input) {
        inputs.put(pathText, input);
        return input;
    }

    /** Told when a closed section built its fields on first opening: their problems are marked then. */
    void onBuilt(Runnable built) {
        this.built = built;
    }

    void built() {
        built.run();
    }

    /** Whether a field's problem is worth showing: the user typed in it, or the layer sets it. */
    boolean touched(String pathText) {
        return typedIn.contains(pathText) || layer.overrides(LayerEditor.parse(pathText));
    }

    Map<String, HasValidation> inputs() {
        return inputs;
    }

    Set<String> openSections() {
        return openSections;
    }

    static List<Object> append(List<Object> path, Object step) {
        List<Object> out = new ArrayList<>(path);
        out.add(step);
        return out;
    }

    /** A value in one short line, for notes and badges. */
    static String abbreviate(Object value) {
        String text = value instanceof Map<?, ?> || value instanceof List<?>
                ? ValuesYaml.dump(Map.of("v", value)).substring(2).strip().replace('\n', ' ')
                : String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 39) + "…" : text;
    }

    /** A small icon button with its label as tooltip and for screen readers. */
    static Button toolButton(VaadinIcon icon, String label, boolean enabled, Runnable action) {
        Button button = new Button(icon.create(), e -> action.run());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        button.setTooltipText(label);
        button.getElement().setAttribute("aria-label", label);
        button.setEnabled(enabled);
        return button;
    }
}
