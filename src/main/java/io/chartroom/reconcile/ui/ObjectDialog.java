package io.chartroom.reconcile.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.tabs.TabSheet;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.base.ui.YamlEditor;
import io.chartroom.clusters.service.ClusterResources;

/** One live object: its YAML (read-only; Secret values hidden) and its recent events. */
final class ObjectDialog {

    private ObjectDialog() {}

    static void open(ClusterResources resources, String cluster, ClusterResources.ObjectRow row) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(row.kind() + " " + (row.namespace() == null ? "" : row.namespace() + "/") + row.name() + " on " + cluster);
        dialog.setWidth("64rem");
        dialog.setHeight("80vh");
        YamlEditor yaml = new YamlEditor();
        yaml.setReadOnly(true);
        yaml.setValue(resources.yaml(cluster, row.apiVersion(), row.kind(), row.namespace(), row.name()));
        yaml.setId("object-yaml");
        yaml.setSizeFull();
        Grid<ClusterResources.EventRow> events = new Grid<>();
        events.setId("object-events");
        events.addColumn(e -> Timestamps.format(e.at())).setHeader("When").setAutoWidth(true);
        events.addColumn(ClusterResources.EventRow::type).setHeader("Type").setAutoWidth(true);
        events.addColumn(ClusterResources.EventRow::reason).setHeader("Reason").setAutoWidth(true);
        events.addColumn(ClusterResources.EventRow::message).setHeader("Message").setFlexGrow(3)
                .setTooltipGenerator(ClusterResources.EventRow::message);
        events.addColumn(ClusterResources.EventRow::count).setHeader("Count").setAutoWidth(true);
        events.setItems(row.namespace() == null ? java.util.List.of() : resources.events(cluster, row.namespace(), row.name()));
        events.setEmptyStateText("No recent events for this object.");
        TabSheet tabs = new TabSheet();
        tabs.add("Live YAML", yaml);
        tabs.add("Events", events);
        tabs.setSizeFull();
        dialog.add(tabs);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
    }
}
