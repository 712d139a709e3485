package io.chartroom.base.ui;

import com.vaadin.flow.component.AbstractSinglePropertyField;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * YAML editor: the {@code <yaml-editor>} element (CodeMirror 6) from Chartroom's own bundle, built from
 * {@code frontend/} and committed under {@code META-INF/resources/components/}, so neither Maven nor Vaadin's
 * frontend build needs Node. The value syncs on the element's "value-changed" event (300 ms after typing
 * stops, and on blur). {@code setReadOnly} is inherited: it sets the element property "readonly" that the
 * element reads. Give it a height (setHeight, or flex-grow in a layout); it scrolls inside.
 */
@Tag("yaml-editor")
@JavaScript("context://components/chartroom-components.js")
public class YamlEditor extends AbstractSinglePropertyField<YamlEditor, String> implements HasSize {

    /** A problem shown at a 1-based line (gutter marker, underline, tooltip); column &lt;= 0 marks the whole line. */
    public record Diagnostic(int line, int column, String message, boolean error) {
        public Diagnostic {
            Objects.requireNonNull(message, "message");
        }
    }

    public YamlEditor() {
        super("value", "", false);
    }

    /**
     * Replaces all diagnostics shown. Sent with {@code setPropertyJson} as a plain JSON array in the element's
     * shape ({@code {line, column?, message, severity: "error"|"warning"}}) rather than through bean mapping.
     */
    public void setDiagnostics(List<Diagnostic> diagnostics) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Diagnostic d : diagnostics == null ? List.<Diagnostic>of() : diagnostics) {
            ObjectNode node = array.addObject();
            node.put("line", d.line());
            if (d.column() > 0) {
                node.put("column", d.column());
            }
            node.put("message", d.message());
            node.put("severity", d.error() ? "error" : "warning");
        }
        getElement().setPropertyJson("diagnostics", array);
    }
}
