package io.chartroom.releases.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import io.chartroom.releases.form.FormField;
import io.chartroom.releases.values.ValuesPaths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A map of free keys (additionalProperties): a row per key with its value and a remove button, the key
 * renamable where this layer sets it, and a row to add a key. Keys of the group's own fields are not repeated.
 */
final class MapEditor {

    private final FormContext context;
    private final GroupEditor groups;

    MapEditor(FormContext context, GroupEditor groups) {
        this.context = context;
        this.groups = groups;
    }

    /** {@code field}: a map, or a group whose further keys are described by its {@code additional}. */
    Component body(FormField field, List<Object> path, int depth) {
        FormField valueForm = field instanceof FormField.MapOf m ? m.values() : ((FormField.Group) field).additional();
        Set<String> known = field instanceof FormField.Group g
                ? g.properties().stream().map(FormField::key).collect(Collectors.toSet()) : Set.of();
        Div body = new Div();
        body.addClassName("values-map");
        if (context.layer().effective(path) instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (!known.contains(key) && entry.getValue() != null) {
                    body.add(entry(path, key, entry.getValue(), valueForm, depth));
                }
            }
        }
        TextField newKey = new TextField();
        newKey.setPlaceholder("new key");
        newKey.addClassName("map-key");
        Button add = new Button("Add", VaadinIcon.PLUS.create(), e -> {
            String key = newKey.getValue().strip();
            if (!key.isEmpty()) {
                context.edit(() -> context.layer().addKey(path, key, valueForm));
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Div addRow = new Div(newKey, add);
        addRow.addClassName("map-row");
        body.add(addRow);
        return body;
    }

    private Div entry(List<Object> path, String key, Object value, FormField valueForm, int depth) {
        List<Object> entryPath = FormContext.append(path, key);
        TextField keyField = new TextField();
        keyField.setValue(key);
        keyField.addClassName("map-key");
        // a key this layer sets can be renamed; one it inherits can only be removed
        keyField.setReadOnly(!context.layer().overrides(entryPath));
        keyField.addValueChangeListener(e -> {
            String renamed = e.getValue().strip();
            if (!e.isFromClient() || renamed.equals(key)) {
                return;
            }
            if (context.layer().renameKey(path, key, renamed)) {
                context.edited();
            } else {
                keyField.setInvalid(true);
                keyField.setErrorMessage("A key needs a name that is not set yet");
            }
        });
        Button remove = FormContext.toolButton(VaadinIcon.TRASH, "Remove " + key, true,
                () -> context.edit(() -> context.layer().removeKey(path, key)));
        if (valueForm instanceof FormField.Group group && value instanceof Map<?, ?>) {
            // an entry the schema describes field by field (traefik's ports.web): a card with its own form
            Div card = new Div(new Div(keyField, remove), groups.body(group, entryPath, depth + 1));
            card.addClassName("list-item-card");
            return card;
        }
        Component valueInput = valueForm instanceof FormField.Scalar scalar
                ? valueInput(scalar, entryPath, value)
                : new Span(FormContext.abbreviate(value) + " (edit in YAML)");
        Div row = new Div(keyField, valueInput, remove);
        row.addClassName("map-row");
        return row;
    }

    private Component valueInput(FormField.Scalar field, List<Object> path, Object value) {
        TextField text = new TextField();
        text.setValue(value == null ? "" : String.valueOf(value));
        text.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                context.write(path, ScalarEditor.typed(field, e.getValue()));
            }
        });
        return context.register(ValuesPaths.text(path), text);
    }
}
