package io.chartroom.changes.ui;

import com.vaadin.flow.component.details.Details;
import io.chartroom.base.ui.YamlDiffView;
import org.jspecify.annotations.Nullable;

/**
 * A diff that builds its editor only when opened: a change request may have many objects, and each editor
 * costs the browser. {@code before} or {@code after} null: the whole thing was added or removed.
 */
class LazyDiff extends Details {

    LazyDiff(@Nullable String summary, String key, @Nullable String before, @Nullable String after, boolean opened) {
        super(summary == null ? "" : summary);
        addClassName("cr-diff");
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                fill(key, before, after);
            }
        });
        if (opened) {
            fill(key, before, after);
            setOpened(true);
        }
    }

    private void fill(String key, @Nullable String before, @Nullable String after) {
        if (getContent().findAny().isEmpty()) {
            YamlDiffView diff = new YamlDiffView();
            diff.setOriginal(before == null ? "" : before);
            diff.setModified(after == null ? "" : after);
            // a whole object added or removed reads better in one column
            diff.setUnified(before == null || after == null);
            diff.setWidthFull();
            diff.getElement().setAttribute("data-key", key);
            add(diff);
        }
    }
}
