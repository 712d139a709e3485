package io.chartroom.releases.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import io.chartroom.catalog.domain.ChartVersion;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A chart version to choose, newest first, each with its app version, date and whether it is a pre-release; for the
 * release (its base) or one environment, where no choice means "as the base".
 */
final class ChartVersionPicker extends ComboBox<ChartVersion> {

    /** {@code chosen}: the version id picked, or -1 when cleared. */
    ChartVersionPicker(String label, List<ChartVersion> versions, long current, boolean clearable, LongConsumer chosen) {
        super(label);
        setItems(versions);
        setItemLabelGenerator(ChartVersion::label);
        setClearButtonVisible(clearable);
        setPlaceholder(clearable ? "as the base" : "");
        Optional<ChartVersion> selected = versions.stream().filter(v -> v.id() == current).findFirst();
        selected.ifPresent(this::setValue);
        addValueChangeListener(e -> {
            if (e.isFromClient()) {
                chosen.accept(e.getValue() == null ? -1 : e.getValue().id());
            }
        });
    }
}
