package io.chartroom.releases.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import io.chartroom.releases.form.FormField;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** A oneOf/anyOf: a picker of its variants, the one the value fits preselected, and that variant's fields. */
final class ChoiceEditor {

    private final FormContext context;
    private final GroupEditor groups;
    private final ScalarEditor scalars;
    private final ListEditor lists;

    ChoiceEditor(FormContext context, GroupEditor groups, ScalarEditor scalars, ListEditor lists) {
        this.context = context;
        this.groups = groups;
        this.scalars = scalars;
        this.lists = lists;
    }

    Component body(FormField.Choice field, List<Object> path, int depth) {
        int chosen = chosenAlternative(field, context.layer().effective(path));
        Select<Integer> picker = new Select<>();
        picker.setLabel("Kind");
        picker.setItems(IntStream.range(0, field.alternatives().size()).boxed().toList());
        picker.setItemLabelGenerator(i -> field.alternatives().get(i).label());
        picker.setValue(chosen);
        picker.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                context.edit(() -> context.layer().chooseVariant(path, field.alternatives().get(e.getValue())));
            }
        });
        Div body = new Div(picker);
        switch (field.alternatives().get(chosen)) {
            case FormField.Group g -> body.add(groups.body(g, path, depth + 1));
            case FormField.Scalar s -> body.add(scalars.row(s, path));
            case FormField.ListOf l -> body.add(lists.body(l, path, depth + 1));
            default -> body.add(new Span("Edit in the YAML tab"));
        }
        return body;
    }

    /** The alternative that fits the current value best: by type, and for objects by shared keys. */
    static int chosenAlternative(FormField.Choice field, Object value) {
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
}
