package io.chartroom.changes.ui;

import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Which environment an upgrade moves: one of them (the first by default), or the base, for every environment without a version of its own. */
final class UpgradeTargetPicker extends Select<String> {

    private static final String BASE = "";

    UpgradeTargetPicker(String id, List<String> environments) {
        setId(id);
        setLabel("Environment");
        List<String> choices = new ArrayList<>(List.of(BASE));
        choices.addAll(environments);
        setItems(choices);
        setItemLabelGenerator(e -> e.isEmpty() ? "every environment (the base)" : e);
        setValue(environments.isEmpty() ? BASE : environments.getFirst());
    }

    /** The environment chosen, or null for the base. */
    @Nullable String environment() {
        return getValue() == null || getValue().isEmpty() ? null : getValue();
    }
}
