package io.chartroom.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;

/**
 * Read-only diff of two YAML texts: the {@code <yaml-diff>} element (@codemirror/merge) from the same bundle as
 * {@link YamlEditor}. Side by side by default; unchanged stretches are collapsed unless turned off. Takes its
 * height from setHeight, or grows with its content up to setMaxHeight and scrolls inside.
 */
@Tag("yaml-diff")
@JavaScript("context://components/chartroom-components.js")
public class YamlDiffView extends Component implements HasSize {

    public void setOriginal(String yaml) {
        getElement().setProperty("original", yaml == null ? "" : yaml);
    }

    public void setModified(String yaml) {
        getElement().setProperty("modified", yaml == null ? "" : yaml);
    }

    /** One column with deleted lines shown inline, instead of side by side. */
    public void setUnified(boolean unified) {
        getElement().setProperty("mode", unified ? "unified" : "split");
    }

    /** Whether unchanged stretches fold away (3 lines of context kept); default true. */
    public void setCollapseUnchanged(boolean collapse) {
        getElement().setProperty("collapse", collapse);
    }
}
