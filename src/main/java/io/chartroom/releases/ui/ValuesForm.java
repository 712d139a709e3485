package io.chartroom.releases.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Focusable;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import io.chartroom.base.ui.Badge;
import io.chartroom.releases.form.FormField;
import io.chartroom.releases.form.LayerState;
import io.chartroom.releases.values.SecretFields;
import io.chartroom.releases.values.ValuesPaths;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A values form for one layer, generated from the chart's form model: sections for objects, selects for
 * enums, bounded number fields, toggles, lists of values and of objects (add, remove, reorder), maps, and a
 * choice for oneOf/anyOf. It reads and writes the {@link LayerState}; in an environment layer it shows what
 * is inherited, what this layer overrides, and resets an override. Values the form cannot show stay in the
 * layer untouched and are listed as YAML-only.
 */
public class ValuesForm extends Div {

    private final FormField.Group model;
    private final LayerState layer;
    private final boolean environmentLayer;
    private final Runnable changed;
    private final Map<String, HasValidation> inputs = new HashMap<>();
    private final Set<String> openSections = new java.util.HashSet<>();
    private final String idPrefix;

    /** @param idPrefix makes element ids unique per layer ("base", "production") */
    public ValuesForm(String idPrefix, FormField.Group model, LayerState layer, boolean environmentLayer, Runnable changed) {
        this.idPrefix = idPrefix;
        this.model = model;
        this.layer = layer;
        this.environmentLayer = environmentLayer;
        this.changed = changed;
        addClassName("values-form");
        rebuild();
    }

    /** Builds the form again from the layer (after the YAML changed, or a list changed shape). */
    public void rebuild() {
        removeAll();
        inputs.clear();
        if (model.properties().isEmpty()) {
            add(new Span("This chart declares no values: edit the YAML tab to pass values anyway."));
            return;
        }
        add(groupBody(model, new ArrayList<>(), 0));
    }

    /** Marks fields with problems (by values path, e.g. "image.tag"); clears the others. */
    public void showProblems(Map<String, String> byPath) {
        inputs.forEach((path, input) -> {
            String message = byPath.get(path);
            input.setInvalid(message != null);
            input.setErrorMessage(message);
        });
    }

    /** Moves the cursor to the field at the path, if the form shows it. */
    public boolean focus(String pathText) {
        HasValidation input = inputs.get(pathText);
        if (input instanceof Focusable<?> focusable) {
            focusable.focus();
            return true;
        }
        return false;
    }

    // ---- groups ------------------------------------------------------------------------------------

    private Component groupBody(FormField.Group group, List<Object> path, int depth) {
        FormLayout scalars = new FormLayout();
        scalars.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36rem", 2));
        Div body = new Div();
        body.addClassName("values-group");
        for (FormField field : group.properties()) {
            List<Object> childPath = append(path, field.key());
            switch (field) {
                case FormField.Scalar s -> scalars.add(scalarRow(s, childPath));
                case FormField.Group g -> body.add(section(g, childPath, depth));
                case FormField.ListOf l -> body.add(section(l, childPath, depth, listBody(l, childPath, depth)));
                case FormField.MapOf m -> body.add(section(m, childPath, depth, mapBody(m, childPath)));
                case FormField.Choice c -> body.add(section(c, childPath, depth, choiceBody(c, childPath, depth)));
                case FormField.YamlOnly y -> scalars.add(yamlOnlyRow(y, childPath));
            }
        }
        if (group.additional() != null) {
            body.add(section(new FormField.MapOf(group.key(), "More " + (group.label().isBlank() ? "values" : group.label()), null,
                    false, group.additional()), path, depth, mapBody(group, path)));
        }
        Component unknown = unknownKeys(group, path);
        Div all = new Div(scalars, body);
        if (unknown != null) {
            all.add(unknown);
        }
        return all;
    }

    private Details section(FormField.Group group, List<Object> path, int depth) {
        return section(group, path, depth, groupBody(group, path, depth + 1));
    }

    private Details section(FormField field, List<Object> path, int depth, Component body) {
        String key = ValuesPaths.text(path);
        Span title = new Span(field.label());
        title.addClassName("section-title");
        Div summary = new Div(title);
        if (field.required()) {
            summary.add(new Badge("required", Badge.Tone.NEUTRAL));
        }
        if (environmentLayer && layer.overrides(path)) {
            summary.add(new Badge("overridden here", Badge.Tone.PRIMARY));
        }
        Details details = new Details(summary);
        details.addClassName("values-section");
        details.addClassName("depth-" + Math.min(depth, 3));
        details.setId(idPrefix + "-section-" + key.replaceAll("[^A-Za-z0-9_-]", "_"));
        if (field.description() != null) {
            Span help = new Span(field.description());
            help.addClassName("section-help");
            details.add(help);
        }
        details.add(body);
        details.setOpened(depth == 0 || openSections.contains(key) || layer.overrides(path));
        details.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                openSections.add(key);
            } else {
                openSections.remove(key);
            }
        });
        return details;
    }

    /** Keys this layer sets under a group that the form does not know: kept, and named. */
    private Component unknownKeys(FormField.Group group, List<Object> path) {
        Object own = path.isEmpty() ? layer.values() : layer.own(path);
        if (group.additional() != null || !(own instanceof Map<?, ?> map)) {
            return null;
        }
        Set<String> known = group.properties().stream().map(FormField::key).collect(Collectors.toSet());
        List<String> others = map.keySet().stream().map(String::valueOf).filter(k -> !known.contains(k)).toList();
        if (others.isEmpty()) {
            return null;
        }
        Span note = new Span("Also set in YAML, not part of the chart's form: " + String.join(", ", others));
        note.addClassName("yaml-only-note");
        return note;
    }

    // ---- scalars -----------------------------------------------------------------------------------

    private Component scalarRow(FormField.Scalar field, List<Object> path) {
        String pathText = ValuesPaths.text(path);
        Object own = layer.own(path);
        Object inherited = layer.inheritedValue(path);
        Object shown = layer.overrides(path) ? own : null;
        Object hint = inherited != null ? inherited : field.defaultValue();
        Component input;
        if (!field.options().isEmpty()) {
            Select<Object> select = new Select<>();
            select.setItems(field.options());
            select.setEmptySelectionAllowed(true);
            select.setEmptySelectionCaption(hint == null ? "(not set)" : "(" + (inherited != null ? "inherited" : "default") + ": " + hint + ")");
            select.setItemLabelGenerator(o -> o == null ? select.getEmptySelectionCaption() : String.valueOf(o));
            select.setValue(shown != null && field.options().stream().anyMatch(o -> ValuesTree.equal(o, shown)) ? matching(field.options(), shown) : null);
            select.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    write(path, e.getValue());
                }
            });
            input = configure(select, field, pathText);
        } else {
            input = switch (field.type()) {
                case BOOLEAN -> booleanInput(field, path, shown, hint);
                case INTEGER -> integerInput(field, path, shown, hint);
                case NUMBER -> numberInput(field, path, shown, hint);
                case STRING -> textInput(field, path, shown, hint);
            };
        }
        return row(input, path);
    }

    private Component textInput(FormField.Scalar field, List<Object> path, Object shown, Object hint) {
        TextField text = new TextField();
        text.setValue(shown == null ? "" : String.valueOf(shown));
        if (hint != null) {
            text.setPlaceholder(String.valueOf(hint));
        }
        if (field.maxLength() != null) {
            text.setMaxLength(field.maxLength());
        }
        text.setClearButtonVisible(true);
        if (field.secret()) {
            text.setPrefixComponent(VaadinIcon.KEY.create());
            text.setPlaceholder("ref+awsssm://path/to/parameter");
            Button reference = new Button("Reference", e -> {
                if (text.getValue().isEmpty()) {
                    text.setValue("ref+awsssm://");
                }
                text.focus();
            });
            reference.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            reference.setTooltipText("Secrets are never stored: give a reference, resolved only when applying");
            text.setSuffixComponent(reference);
            text.addValueChangeListener(e -> text.getElement().getThemeList().set("warning", SecretFields.isLiteralSecret(e.getValue())));
        }
        text.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                write(path, e.getValue().isEmpty() ? null : e.getValue());
            }
        });
        return configure(text, field, ValuesPaths.text(path));
    }

    private Component integerInput(FormField.Scalar field, List<Object> path, Object shown, Object hint) {
        IntegerField number = new IntegerField();
        number.setStepButtonsVisible(true);
        if (shown instanceof Number n) {
            number.setValue(n.intValue());
        }
        if (hint != null) {
            number.setPlaceholder(String.valueOf(hint));
        }
        if (field.minimum() != null && fitsInt(field.minimum())) {
            number.setMin(field.minimum().intValue() + (field.exclusiveMinimum() ? 1 : 0));
        }
        if (field.maximum() != null && fitsInt(field.maximum())) {
            number.setMax(field.maximum().intValue() - (field.exclusiveMaximum() ? 1 : 0));
        }
        number.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                write(path, e.getValue() == null ? null : e.getValue().longValue());
            }
        });
        return configure(number, field, ValuesPaths.text(path));
    }

    private Component numberInput(FormField.Scalar field, List<Object> path, Object shown, Object hint) {
        NumberField number = new NumberField();
        if (shown instanceof Number n) {
            number.setValue(n.doubleValue());
        }
        if (hint != null) {
            number.setPlaceholder(String.valueOf(hint));
        }
        if (field.minimum() != null) {
            number.setMin(field.minimum().doubleValue());
        }
        if (field.maximum() != null) {
            number.setMax(field.maximum().doubleValue());
        }
        number.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                write(path, e.getValue());
            }
        });
        return configure(number, field, ValuesPaths.text(path));
    }

    private Component booleanInput(FormField.Scalar field, List<Object> path, Object shown, Object hint) {
        Checkbox toggle = new Checkbox(field.label());
        boolean effective = shown instanceof Boolean own ? own : hint instanceof Boolean inherited && inherited;
        toggle.setValue(effective);
        toggle.setId(fieldId(ValuesPaths.text(path)));
        if (field.description() != null) {
            toggle.setHelperText(field.description());
        }
        toggle.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                write(path, e.getValue());
            }
        });
        inputs.put(ValuesPaths.text(path), toggle);
        return toggle;
    }

    private <C extends Component & HasValidation> C configure(C input, FormField.Scalar field, String pathText) {
        if (input instanceof com.vaadin.flow.component.HasLabel labelled) {
            labelled.setLabel(field.label());
        }
        if (input instanceof com.vaadin.flow.component.HasHelper helper && field.description() != null) {
            helper.setHelperText(field.description());
        }
        if (input instanceof com.vaadin.flow.component.HasValueAndElement<?, ?> valued) {
            valued.setRequiredIndicatorVisible(field.required());
        }
        input.setId(fieldId(pathText));
        inputs.put(pathText, input);
        return input;
    }

    private Component yamlOnlyRow(FormField.YamlOnly field, List<Object> path) {
        Object value = layer.effective(path);
        Span label = new Span(field.label());
        label.addClassName("field-label");
        Span note = new Span("Edit in the YAML tab (" + field.reason() + ")"
                + (value == null ? "" : ": " + abbreviate(value)));
        note.addClassName("yaml-only-note");
        return row(new Div(label, note), path);
    }

    /** The input, and in an environment layer whether it overrides the inherited value, with a reset. */
    private Component row(Component input, List<Object> path) {
        Div row = new Div(input);
        row.addClassName("field-row");
        if (layer.overrides(path)) {
            Button reset = new Button(VaadinIcon.ROTATE_LEFT.create(), e -> edit(() -> layer.reset(path)));
            reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            reset.setTooltipText(environmentLayer ? "Reset to the inherited value" : "Reset to the chart's default");
            reset.getElement().setAttribute("aria-label", "Reset " + ValuesPaths.text(path));
            reset.addClassName("reset-override");
            if (environmentLayer) {
                Object inherited = layer.inheritedValue(path);
                Span badge = new Badge("overrides " + (inherited == null ? "nothing" : abbreviate(inherited)), Badge.Tone.PRIMARY);
                badge.addClassName("override-badge");
                row.add(badge);
            }
            row.add(reset);
        }
        return row;
    }

    // ---- lists -------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Component listBody(FormField.ListOf field, List<Object> path, int depth) {
        Div body = new Div();
        body.addClassName("values-list");
        Object current = layer.effective(path);
        List<Object> items = current instanceof List<?> l ? (List<Object>) l : List.of();
        if (environmentLayer && !layer.overrides(path) && !items.isEmpty()) {
            Span inherited = new Span("Inherited list: changing it replaces the whole list in this environment (lists are not merged).");
            inherited.addClassName("section-help");
            body.add(inherited);
        }
        for (int i = 0; i < items.size(); i++) {
            final int index = i;
            List<Object> itemPath = append(path, i);
            Div item = new Div();
            item.addClassName(field.items() instanceof FormField.Group ? "list-item-card" : "list-item-row");
            HorizontalTools tools = new HorizontalTools();
            tools.add(button(VaadinIcon.ARROW_UP, "Move up", index > 0, () -> edit(() -> layer.moveItem(path, index, index - 1))));
            tools.add(button(VaadinIcon.ARROW_DOWN, "Move down", index < items.size() - 1, () -> edit(() -> layer.moveItem(path, index, index + 1))));
            tools.add(button(VaadinIcon.TRASH, "Remove", true, () -> edit(() -> layer.removeItem(path, index))));
            switch (field.items()) {
                case FormField.Group group -> {
                    Span title = new Span(field.label() + " " + (i + 1));
                    title.addClassName("item-title");
                    item.add(new Div(title, tools), groupBody(group, itemPath, depth + 1));
                }
                case FormField.Scalar scalar -> item.add(listScalar(scalar, path, index, items.get(i)), tools);
                default -> item.add(new Span(abbreviate(items.get(i)) + " (edit in YAML)"), tools);
            }
            body.add(item);
        }
        Button add = new Button("Add " + (field.items() instanceof FormField.Group ? "item" : "value"), VaadinIcon.PLUS.create(), e -> edit(() -> layer.addItem(path, field)));
        add.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        add.setId(idPrefix + "-add-" + ValuesPaths.text(path).replaceAll("[^A-Za-z0-9_-]", "_"));
        if (field.maxItems() != null && items.size() >= field.maxItems()) {
            add.setEnabled(false);
        }
        body.add(add);
        return body;
    }

    private Component listScalar(FormField.Scalar field, List<Object> listPath, int index, Object value) {
        List<Object> itemPath = append(listPath, index);
        String pathText = ValuesPaths.text(itemPath);
        if (field.type() == FormField.ScalarType.INTEGER || field.type() == FormField.ScalarType.NUMBER) {
            NumberField number = new NumberField();
            if (value instanceof Number n) {
                number.setValue(n.doubleValue());
            }
            number.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    Double v = e.getValue();
                    write(itemPath, v == null ? null : field.type() == FormField.ScalarType.INTEGER ? (Object) v.longValue() : v);
                }
            });
            number.setId(fieldId(pathText));
            inputs.put(pathText, number);
            return number;
        }
        TextField text = new TextField();
        text.setValue(value == null ? "" : String.valueOf(value));
        text.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                write(itemPath, e.getValue());
            }
        });
        text.setId(fieldId(pathText));
        inputs.put(pathText, text);
        return text;
    }

    /** An edit of the layer's shape (lists, keys, variants): told, and the form built again. */
    private void edit(Runnable change) {
        change.run();
        changed.run();
        rebuild();
    }

    // ---- maps and choices --------------------------------------------------------------------------

    private Component mapBody(FormField field, List<Object> path) {
        FormField valueSpec = field instanceof FormField.MapOf m ? m.values() : ((FormField.Group) field).additional();
        Set<String> known = field instanceof FormField.Group g
                ? g.properties().stream().map(FormField::key).collect(Collectors.toSet()) : Set.of();
        Div body = new Div();
        body.addClassName("values-map");
        Object current = layer.effective(path);
        if (current instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (known.contains(key) || entry.getValue() == null) {
                    continue;
                }
                List<Object> entryPath = append(path, key);
                TextField keyField = new TextField();
                keyField.setValue(key);
                keyField.addClassName("map-key");
                // a key this layer sets can be renamed; one it inherits can only be removed
                keyField.setReadOnly(!layer.overrides(entryPath));
                keyField.addValueChangeListener(e -> {
                    if (e.isFromClient() && !e.getValue().strip().equals(key)) {
                        if (layer.renameKey(path, key, e.getValue().strip())) {
                            edit(() -> {});
                        } else {
                            keyField.setInvalid(true);
                            keyField.setErrorMessage("A key needs a name that is not set yet");
                        }
                    }
                });
                Component value = valueSpec instanceof FormField.Scalar scalar
                        ? listlessScalar(scalar, entryPath, entry.getValue())
                        : new Span(abbreviate(entry.getValue()) + " (edit in YAML)");
                Button remove = button(VaadinIcon.TRASH, "Remove " + key, true, () -> edit(() -> layer.removeKey(path, key)));
                Div row = new Div(keyField, value, remove);
                row.addClassName("map-row");
                body.add(row);
            }
        }
        TextField newKey = new TextField();
        newKey.setPlaceholder("new key");
        newKey.addClassName("map-key");
        Button add = new Button("Add", VaadinIcon.PLUS.create(), e -> {
            String key = newKey.getValue().strip();
            if (!key.isEmpty()) {
                edit(() -> layer.addKey(path, key, valueSpec));
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Div addRow = new Div(newKey, add);
        addRow.addClassName("map-row");
        body.add(addRow);
        return body;
    }

    private Component listlessScalar(FormField.Scalar field, List<Object> path, Object value) {
        TextField text = new TextField();
        text.setValue(value == null ? "" : String.valueOf(value));
        text.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                write(path, convert(field, e.getValue()));
            }
        });
        inputs.put(ValuesPaths.text(path), text);
        return text;
    }

    private Component choiceBody(FormField.Choice field, List<Object> path, int depth) {
        Object current = layer.effective(path);
        int chosen = chosenAlternative(field, current);
        Select<Integer> picker = new Select<>();
        picker.setLabel("Kind");
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < field.alternatives().size(); i++) {
            indexes.add(i);
        }
        picker.setItems(indexes);
        picker.setItemLabelGenerator(i -> field.alternatives().get(i).label());
        picker.setValue(chosen);
        picker.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                edit(() -> layer.chooseVariant(path, field.alternatives().get(e.getValue())));
            }
        });
        Div body = new Div(picker);
        FormField alternative = field.alternatives().get(chosen);
        switch (alternative) {
            case FormField.Group g -> body.add(groupBody(g, path, depth + 1));
            case FormField.Scalar s -> body.add(scalarRow(s, path));
            case FormField.ListOf l -> body.add(listBody(l, path, depth + 1));
            default -> body.add(new Span("Edit in the YAML tab"));
        }
        return body;
    }

    /** The alternative that fits the current value best: by type, and for objects by shared keys. */
    private static int chosenAlternative(FormField.Choice field, Object value) {
        int best = 0;
        int bestScore = -1;
        for (int i = 0; i < field.alternatives().size(); i++) {
            FormField alternative = field.alternatives().get(i);
            int score = switch (alternative) {
                case FormField.Group g when value instanceof Map<?, ?> map ->
                        1 + (int) g.properties().stream().filter(p -> map.containsKey(p.key())).count();
                case FormField.Scalar s when value != null && !(value instanceof Map) && !(value instanceof List) -> 1;
                case FormField.ListOf l when value instanceof List<?> -> 1;
                default -> 0;
            };
            if (score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    // ---- writing -------------------------------------------------------------------------------

    /** Writes one value from a field; null clears it (see {@link LayerState#write}). */
    private void write(List<Object> path, Object value) {
        layer.write(path, value);
        changed.run();
    }

    private static Object convert(FormField.Scalar field, String text) {
        try {
            return switch (field.type()) {
                case INTEGER -> Long.parseLong(text.strip());
                case NUMBER -> new BigDecimal(text.strip()).doubleValue();
                case BOOLEAN -> Boolean.parseBoolean(text.strip());
                case STRING -> text;
            };
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    private static Object matching(List<Object> options, Object value) {
        return options.stream().filter(o -> ValuesTree.equal(o, value)).findFirst().orElse(null);
    }

    private static boolean fitsInt(BigDecimal n) {
        return n.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0 && n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
    }

    private static String abbreviate(Object value) {
        String text = value instanceof Map<?, ?> || value instanceof List<?>
                ? ValuesYaml.dump(Map.of("v", value)).substring(2).strip().replace('\n', ' ')
                : String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 39) + "…" : text;
    }

    /** The element id of a field: layer and path, e.g. production-field-image_tag. */
    private String fieldId(String pathText) {
        return idPrefix + "-field-" + pathText.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> out = new ArrayList<>(path);
        out.add(step);
        return out;
    }

    private static Button button(VaadinIcon icon, String label, boolean enabled, Runnable action) {
        Button button = new Button(icon.create(), e -> action.run());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        button.setTooltipText(label);
        button.getElement().setAttribute("aria-label", label);
        button.setEnabled(enabled);
        return button;
    }

    /** The small tool buttons next to a list item. */
    private static final class HorizontalTools extends Div {
        HorizontalTools() {
            addClassName("item-tools");
        }
    }

    Optional<HasValidation> input(String pathText) {
        return Optional.ofNullable(inputs.get(pathText));
    }
}
