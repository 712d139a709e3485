package io.chartroom.releases.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.chartroom.base.ui.Badge;
import io.chartroom.releases.form.FormField;
import io.chartroom.releases.values.ValuesPaths;
import java.util.List;

/**
 * One field of the form with what the layer does to it: when the layer sets the value, a reset (to the
 * inherited value, or the chart's default in the base), and in an environment what it overrides. A field the
 * layer does not set is its input alone: no wrapper element for every field of a wide form.
 */
final class FieldRow {

    private FieldRow() {
    }

    static Component of(FormContext context, Component input, List<Object> path) {
        if (!context.layer().overrides(path)) {
            return input;
        }
        Div row = new Div(input);
        row.addClassName("field-row");
        Button reset = new Button(VaadinIcon.ROTATE_LEFT.create(), e -> context.edit(() -> context.layer().reset(path)));
        reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        reset.setTooltipText(context.environmentLayer() ? "Reset to the inherited value" : "Reset to the chart's default");
        reset.getElement().setAttribute("aria-label", "Reset " + ValuesPaths.text(path));
        reset.addClassName("reset-override");
        if (context.environmentLayer()) {
            Object inherited = context.layer().inheritedValue(path);
            Span badge = new Badge("overrides " + (inherited == null ? "nothing" : FormContext.abbreviate(inherited)), Badge.Tone.PRIMARY);
            badge.addClassName("override-badge");
            row.add(badge);
        }
        row.add(reset);
        return row;
    }

    /** A field the form cannot show: its value, and that it is edited in the YAML tab. */
    static Component yamlOnly(FormContext context, FormField.YamlOnly field, List<Object> path) {
        Object value = context.layer().effective(path);
        Span label = new Span(field.label());
        label.addClassName("field-label");
        Span note = new Span("Edit in the YAML tab (" + field.reason() + ")"
                + (value == null ? "" : ": " + FormContext.abbreviate(value)));
        note.addClassName("yaml-only-note");
        return of(context, new Div(label, note), path);
    }
}
