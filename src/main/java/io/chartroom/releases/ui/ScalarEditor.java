package io.chartroom.releases.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValueAndElement;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import io.chartroom.releases.form.FormField;
import io.chartroom.releases.values.SecretFields;
import io.chartroom.releases.values.ValuesPaths;
import io.chartroom.releases.values.ValuesTree;
import java.math.BigDecimal;
import java.util.List;

/**
 * A single value's field: a combo box for options, a toggle, a bounded integer or number field, or a text field
 * (for secrets one that offers a reference). It shows the layer's own value; what applies without it (inherited,
 * or the chart's default) is the placeholder.
 */
final class ScalarEditor {

    private final FormContext context;

    ScalarEditor(FormContext context) {
        this.context = context;
    }

    Component row(FormField.Scalar field, List<Object> path) {
        Object inherited = context.layer().inheritedValue(path);
        Object shown = context.layer().overrides(path) ? context.layer().own(path) : null;
        Object hint = inherited != null ? inherited : field.defaultValue();
        Component input;
        if (shown != null && !fits(field, shown)) {
            // a value of another type (typed in YAML): shown as it is, never hidden behind the inherited placeholder
            input = wrongTyped(field, path, shown);
        } else if (!field.options().isEmpty()) {
            input = optionsInput(field, path, shown, hint, inherited != null);
        } else {
            input = switch (field.type()) {
                case BOOLEAN -> booleanInput(field, path, shown, hint);
                case INTEGER -> integerInput(field, path, shown, hint);
                case NUMBER -> numberInput(field, path, shown, hint);
                case STRING -> textInput(field, path, shown, hint);
            };
        }
        return FieldRow.of(context, input, path);
    }

    /** Whether the field's input can show the value as it is. */
    static boolean fits(FormField.Scalar field, Object value) {
        if (!field.options().isEmpty()) {
            return field.options().stream().anyMatch(o -> ValuesTree.equal(o, value));
        }
        return switch (field.type()) {
            case BOOLEAN -> value instanceof Boolean;
            case INTEGER -> value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger;
            case NUMBER -> value instanceof Number;
            case STRING -> !(value instanceof java.util.Map<?, ?>) && !(value instanceof List<?>);
        };
    }

    private Component wrongTyped(FormField.Scalar field, List<Object> path, Object shown) {
        TextField text = new TextField();
        text.setValue(shown instanceof String s ? s : FormContext.abbreviate(shown));
        text.addClassName("wrong-type");
        text.setTooltipText("This layer sets " + FormContext.abbreviate(shown) + "; the field takes " + expected(field));
        text.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                // once it fits, the form is built again with the field's own input
                context.edit(() -> context.layer().write(path, e.getValue().isEmpty() ? null : typed(field, e.getValue())));
            }
        });
        return configure(text, field, path);
    }

    private static String expected(FormField.Scalar field) {
        if (!field.options().isEmpty()) {
            return "one of " + field.options();
        }
        return switch (field.type()) {
            case BOOLEAN -> "true or false";
            case INTEGER -> "a whole number";
            case NUMBER -> "a number";
            case STRING -> "text";
        };
    }

    /** The text typed as the value's type; text that is not a number stays text (the schema check says so). */
    static Object typed(FormField.Scalar field, String text) {
        try {
            return switch (field.type()) {
                case INTEGER -> Long.parseLong(text.strip());
                case NUMBER -> new BigDecimal(text.strip()).doubleValue();
                case BOOLEAN -> text.strip().equals("true") || text.strip().equals("false") ? (Object) Boolean.valueOf(text.strip()) : text;
                case STRING -> text;
            };
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    /**
     * The schema's options in a combo box: what applies without a value of the layer is the placeholder, clearing
     * removes the layer's value. Not a select: a select keeps two components per option on the server for as long as
     * the form is open (a tab with five enums: 60 components), a combo box none.
     */
    private Component optionsInput(FormField.Scalar field, List<Object> path, Object shown, Object hint, boolean inherited) {
        ComboBox<Object> options = new ComboBox<>();
        options.setItems(field.options());
        options.setItemLabelGenerator(String::valueOf);
        options.setPlaceholder(hint == null ? "(not set)" : "(" + (inherited ? "inherited" : "default") + ": " + hint + ")");
        options.setClearButtonVisible(true);
        options.setValue(shown == null ? null : field.options().stream().filter(o -> ValuesTree.equal(o, shown)).findFirst().orElse(null));
        options.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                context.write(path, e.getValue());
            }
        });
        return configure(options, field, path);
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
            offerReference(text);
        }
        text.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                context.write(path, e.getValue().isEmpty() ? null : e.getValue());
            }
        });
        return configure(text, field, path);
    }

    /** Secrets are never stored: the field suggests a reference and marks a literal. */
    private static void offerReference(TextField text) {
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
                context.write(path, e.getValue() == null ? null : e.getValue().longValue());
            }
        });
        return configure(number, field, path);
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
                context.write(path, e.getValue());
            }
        });
        return configure(number, field, path);
    }

    private Component booleanInput(FormField.Scalar field, List<Object> path, Object shown, Object hint) {
        Checkbox toggle = new Checkbox(field.label());
        boolean effective = shown instanceof Boolean own ? own : hint instanceof Boolean inherited && inherited;
        toggle.setValue(effective);
        toggle.setId(context.fieldId(ValuesPaths.text(path)));
        FieldHelp.apply(toggle, field.description());
        toggle.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                context.write(path, e.getValue());
            }
        });
        return context.register(ValuesPaths.text(path), toggle);
    }

    private <C extends Component & HasValidation> C configure(C input, FormField.Scalar field, List<Object> path) {
        if (input instanceof HasLabel labelled) {
            labelled.setLabel(field.label());
        }
        if (input instanceof HasHelper helper) {
            FieldHelp.apply(helper, field.description());
        }
        if (input instanceof HasValueAndElement<?, ?> valued) {
            valued.setRequiredIndicatorVisible(field.required());
        }
        String pathText = ValuesPaths.text(path);
        input.setId(context.fieldId(pathText));
        return context.register(pathText, input);
    }

    private static boolean fitsInt(BigDecimal n) {
        return n.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0 && n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
    }
}
