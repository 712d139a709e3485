package io.chartroom.audit.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Span;
import io.chartroom.audit.domain.AuditRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One audit row opened: its targets as links (release, environment, cluster, change request) and its details,
 * which are stored as canonical JSON, as a two-column table of dotted keys and values.
 */
final class AuditDetails {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A value longer than this is cut in the summary column; the opened row shows it whole. */
    private static final int SUMMARY_VALUE = 80;

    private AuditDetails() {
    }

    static Component of(AuditRecord r) {
        NativeTableBody body = new NativeTableBody();
        if (r.release() != null) {
            body.add(row("Release", link(r.release(), "releases/" + r.release())));
        }
        if (r.environment() != null) {
            body.add(row("Environment", link(r.environment(), "admin/environments")));
        }
        if (r.cluster() != null) {
            body.add(row("Cluster", link(r.cluster(), "clusters/" + r.cluster())));
        }
        if (r.changeRequest() != null) {
            body.add(row("Change request", link("#" + r.changeRequest(), "change-requests/" + r.changeRequest())));
        }
        boolean named = r.target() == null || r.target().equals(r.release()) || r.target().equals(r.cluster())
                || r.changeRequest() != null && r.target().equals(String.valueOf(r.changeRequest()));
        if (!named) {
            body.add(row(r.targetType() == null ? "Target" : capitalized(r.targetType()), new Span(r.target())));
        }
        for (Map.Entry<String, String> entry : flattened(r.details())) {
            Span value = new Span(entry.getValue());
            value.addClassName("audit-detail-value");
            body.add(row(entry.getKey(), value));
        }
        if (r.sourceAddress() != null) {
            body.add(row("From", new Span(r.sourceAddress())));
        }
        NativeTable table = new NativeTable(body);
        table.addClassName("audit-details");
        Div wrapper = new Div(table);
        wrapper.setId("audit-details-" + r.id());
        return wrapper;
    }

    /** The details in one line for the grid: {@code key: value · key: value}, long values cut. */
    static String summary(AuditRecord r) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> entry : flattened(r.details())) {
            String value = entry.getValue();
            s.append(s.isEmpty() ? "" : " · ").append(entry.getKey()).append(": ")
                    .append(value.length() > SUMMARY_VALUE ? value.substring(0, SUMMARY_VALUE) + "…" : value);
        }
        return s.toString();
    }

    /** Leaves of the details object with dotted keys (lists of scalars joined); the raw text when it is not JSON. */
    static List<Map.Entry<String, String>> flattened(String details) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (details == null || details.isBlank()) {
            return out;
        }
        JsonNode root;
        try {
            root = JSON.readTree(details);
        } catch (RuntimeException notJson) {
            out.add(Map.entry("details", details));
            return out;
        }
        flatten("", root, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, List<Map.Entry<String, String>> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray() && node.valueStream().allMatch(JsonNode::isValueNode)) {
            out.add(Map.entry(prefix, String.join(", ", node.valueStream().map(JsonNode::asString).toList())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), out);
            }
        } else if (!node.isNull()) {
            out.add(Map.entry(prefix.isEmpty() ? "details" : prefix, node.asString()));
        }
    }

    private static NativeTableRow row(String key, Component value) {
        NativeTableHeaderCell name = new NativeTableHeaderCell(key);
        name.getElement().setAttribute("scope", "row");
        return new NativeTableRow(name, new NativeTableCell(value));
    }

    private static Anchor link(String text, String href) {
        Anchor anchor = new Anchor(href, text);
        anchor.addClassName("audit-target-link");
        return anchor;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).replace('_', ' ');
    }
}
