package io.chartroom.changes.ui;

import io.chartroom.base.ui.MarkupDetails;
import io.chartroom.base.ui.YamlDiffView;
import org.jspecify.annotations.Nullable;

/**
 * A diff that builds its editor only when opened: a change request may have many objects, and each editor
 * costs the browser. {@code before} or {@code after} null: the whole thing was added or removed. The summary is
 * markup, escaped by the caller.
 */
class LazyDiff extends MarkupDetails {

    private boolean filled;

    LazyDiff(String summaryHtml, String key, @Nullable String before, @Nullable String after, boolean opened) {
        super(summaryHtml);
        addClassName("cr-diff");
        onOpenedChange(opening -> {
            if (opening) {
                fill(key, before, after);
            }
        });
        if (opened) {
            fill(key, before, after);
            setOpened(true);
        }
    }

    private void fill(String key, @Nullable String before, @Nullable String after) {
        if (!filled) {
            filled = true;
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
