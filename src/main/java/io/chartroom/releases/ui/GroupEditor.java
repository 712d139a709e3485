package io.chartroom.releases.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.KeptResponse;
import io.chartroom.base.ui.MarkupDetails;
import io.chartroom.releases.form.FormField;
import io.chartroom.releases.values.ValuesPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/**
 * An object of the values: its single values in a two-column layout, each nested object, list, map and choice
 * as a section of its own (open at the top while the open fields stay few, where it is overridden, or where the
 * user left it open), and the keys the layer sets that the form does not know, named. A closed section builds its
 * fields when it is first opened: a 400-field schema costs its open sections, not all of them.
 */
final class GroupEditor {

    private final FormContext context;
    private final ScalarEditor scalars;
    private final ListEditor lists;
    private final MapEditor maps;
    private final ChoiceEditor choices;
    /** Fields shown open at the top level before further sections start closed. */
    static final int OPEN_FIELDS = 20;
    private int openFieldsLeft = OPEN_FIELDS;

    GroupEditor(FormContext context) {
        this.context = context;
        this.scalars = new ScalarEditor(context);
        this.lists = new ListEditor(context, this);
        this.maps = new MapEditor(context, this);
        this.choices = new ChoiceEditor(context, this, scalars, lists);
    }

    /**
     * The group's single values in a two-column layout, then its sections, then the keys only YAML sets; a part the
     * group has not is not there at all, and one part alone is not wrapped: a wide form has hundreds of groups, and
     * every element is kept on the server for as long as the tab is open.
     */
    Component body(FormField.Group group, List<Object> path, int depth) {
        List<Component> singleValues = new ArrayList<>();
        List<Component> sections = new ArrayList<>();
        for (FormField field : group.properties()) {
            List<Object> childPath = FormContext.append(path, field.key());
            switch (field) {
                case FormField.Scalar s -> singleValues.add(scalars.row(s, childPath));
                case FormField.Group g -> sections.add(section(g, childPath, depth, () -> body(g, childPath, depth + 1)));
                case FormField.ListOf l -> sections.add(section(l, childPath, depth, () -> lists.body(l, childPath, depth)));
                case FormField.MapOf m -> sections.add(section(m, childPath, depth, () -> maps.body(m, childPath, depth)));
                case FormField.Choice c -> sections.add(section(c, childPath, depth, () -> choices.body(c, childPath, depth)));
                case FormField.YamlOnly y -> singleValues.add(FieldRow.yamlOnly(context, y, childPath));
            }
        }
        if (group.additional() != null) {
            sections.add(section(new FormField.MapOf(group.key(), "More " + (group.label().isBlank() ? "values" : group.label()), null,
                    false, group.additional()), path, depth, () -> maps.body(group, path, depth)));
        }
        List<Component> parts = new ArrayList<>();
        if (!singleValues.isEmpty()) {
            FormLayout layout = new FormLayout(singleValues.toArray(Component[]::new));
            layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36rem", 2));
            parts.add(layout);
        }
        parts.addAll(sections);
        Component unknown = unknownKeys(group, path);
        if (unknown != null) {
            parts.add(unknown);
        }
        return parts.size() == 1 ? parts.getFirst() : new Div(parts.toArray(Component[]::new));
    }

    /** Starts a form anew: the budget of fields shown open is spent again from the top. */
    void reset() {
        openFieldsLeft = OPEN_FIELDS;
    }

    private MarkupDetails section(FormField field, List<Object> path, int depth, java.util.function.Supplier<Component> body) {
        String key = ValuesPaths.text(path);
        boolean overridden = context.layer().overrides(path);
        // closed sections are most of a fresh form's state: a title alone is the element's text summary, badges are markup
        boolean badges = field.required() || context.environmentLayer() && overridden;
        MarkupDetails details = !badges ? MarkupDetails.ofText(field.label())
                : new MarkupDetails("<span class=\"section-title\">" + HtmlUtils.htmlEscape(field.label()) + "</span>"
                        + (field.required() ? Badge.html("required", Badge.Tone.NEUTRAL) : "")
                        + (context.environmentLayer() && overridden ? Badge.html("overridden here", Badge.Tone.PRIMARY) : ""));
        details.addClassName("values-section");
        details.addClassName("depth-" + Math.min(depth, 3));
        details.setId(context.id("section", key));
        Set<String> open = context.openSections();
        boolean opened = open.contains(key) || overridden || depth == 0 && fitsOpen(field);
        boolean[] built = {opened};
        if (opened) {
            fill(details, field, body);
        }
        details.setOpened(opened);
        details.onOpenedChange(opening -> {
            if (opening) {
                if (!built[0]) {
                    built[0] = true;
                    fill(details, field, body);
                    context.built();
                    details.getUI().ifPresent(KeptResponse::replaceAfterThisAnswer);
                }
                open.add(key);
            } else {
                open.remove(key);
            }
        });
        return details;
    }

    /** A section's content, built when it is first shown: its description, then its fields. */
    private static void fill(MarkupDetails details, FormField field, java.util.function.Supplier<Component> body) {
        if (field.description() != null) {
            Component help = FieldHelp.of(field.description());
            help.addClassName("section-help");
            details.add(help);
        }
        details.add(body.get());
    }

    /** Whether a top-level section still fits the fields shown open; it spends them if so. */
    private boolean fitsOpen(FormField field) {
        int fields = fieldCount(field);
        if (fields > openFieldsLeft) {
            openFieldsLeft = 0; // later sections stay closed too: the open ones are the first, in the chart's order
            return false;
        }
        openFieldsLeft -= fields;
        return true;
    }

    /** What an open section shows: its single values, and one closed header per nested section (built when opened). */
    private static int fieldCount(FormField field) {
        return field instanceof FormField.Group g ? g.properties().size() + (g.additional() == null ? 0 : 1) : 1;
    }

    /** Keys this layer sets under a group that the form does not know: kept, and named. */
    private Component unknownKeys(FormField.Group group, List<Object> path) {
        Object own = path.isEmpty() ? context.layer().values() : context.layer().own(path);
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
}
