package io.chartroom.releases.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import io.chartroom.releases.form.FormField;
import io.chartroom.releases.values.ValuesPaths;
import java.util.List;

/**
 * A list: its items as rows of values or cards of objects, each with move up, move down and remove, and an add
 * button (disabled at the schema's maximum). In an environment an inherited list is said to be replaced whole.
 */
final class ListEditor {

    private final FormContext context;
    private final GroupEditor groups;

    ListEditor(FormContext context, GroupEditor groups) {
        this.context = context;
        this.groups = groups;
    }

    @SuppressWarnings("unchecked")
    Component body(FormField.ListOf field, List<Object> path, int depth) {
        Div body = new Div();
        body.addClassName("values-list");
        Object current = context.layer().effective(path);
        List<Object> items = current instanceof List<?> l ? (List<Object>) l : List.of();
        if (context.environmentLayer() && !context.layer().overrides(path) && !items.isEmpty()) {
            Span inherited = new Span("Inherited list: changing it replaces the whole list in this environment (lists are not merged).");
            inherited.addClassName("section-help");
            body.add(inherited);
        }
        for (int i = 0; i < items.size(); i++) {
            body.add(item(field, path, i, items, depth));
        }
        Button add = new Button("Add " + (field.items() instanceof FormField.Group ? "item" : "value"), VaadinIcon.PLUS.create(),
                e -> context.edit(() -> context.layer().addItem(path, field)));
        add.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        add.setId(context.id("add", ValuesPaths.text(path)));
        if (field.maxItems() != null && items.size() >= field.maxItems()) {
            add.setEnabled(false);
        }
        body.add(add);
        return body;
    }

    private Div item(FormField.ListOf field, List<Object> path, int index, List<Object> items, int depth) {
        Div item = new Div();
        item.addClassName(field.items() instanceof FormField.Group ? "list-item-card" : "list-item-row");
        Div tools = new Div();
        tools.addClassName("item-tools");
        tools.add(FormContext.toolButton(VaadinIcon.ARROW_UP, "Move up", index > 0,
                () -> context.edit(() -> context.layer().moveItem(path, index, index - 1))));
        tools.add(FormContext.toolButton(VaadinIcon.ARROW_DOWN, "Move down", index < items.size() - 1,
                () -> context.edit(() -> context.layer().moveItem(path, index, index + 1))));
        tools.add(FormContext.toolButton(VaadinIcon.TRASH, "Remove", true, () -> context.edit(() -> context.layer().removeItem(path, index))));
        switch (field.items()) {
            case FormField.Group group -> {
                Span title = new Span(field.label() + " " + (index + 1));
                title.addClassName("item-title");
                item.add(new Div(title, tools), groups.body(group, FormContext.append(path, index), depth + 1));
            }
            case FormField.Scalar scalar -> item.add(value(scalar, FormContext.append(path, index), items.get(index)), tools);
            default -> item.add(new Span(FormContext.abbreviate(items.get(index)) + " (edit in YAML)"), tools);
        }
        return item;
    }

    /** An item that is a single value: a number field for numbers, else a text field. */
    private Component value(FormField.Scalar field, List<Object> itemPath, Object value) {
        String pathText = ValuesPaths.text(itemPath);
        if (field.type() == FormField.ScalarType.INTEGER || field.type() == FormField.ScalarType.NUMBER) {
            NumberField number = new NumberField();
            if (value instanceof Number n) {
                number.setValue(n.doubleValue());
            }
            number.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    Double v = e.getValue();
                    context.write(itemPath, v == null ? null : field.type() == FormField.ScalarType.INTEGER ? (Object) v.longValue() : v);
                }
            });
            number.setId(context.fieldId(pathText));
            return context.register(pathText, number);
        }
        TextField text = new TextField();
        text.setValue(value == null ? "" : String.valueOf(value));
        text.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                context.write(itemPath, e.getValue());
            }
        });
        text.setId(context.fieldId(pathText));
        return context.register(pathText, text);
    }
}
