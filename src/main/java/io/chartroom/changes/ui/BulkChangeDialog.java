package io.chartroom.changes.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import io.chartroom.base.ui.Notifications;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.service.BulkChanges;
import io.chartroom.changes.service.ReleasePipeline;
import io.chartroom.changes.service.ReleasePromotions;
import io.chartroom.gitops.domain.Proposal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Upgrade or promote several releases of one chart at once: the environment (or the base) and version, or the two
 * environments; one change request for all of them, opened and shown.
 */
public final class BulkChangeDialog extends Dialog {

    private BulkChangeDialog(String title, List<ReleasePipeline.Row> rows) {
        setHeaderTitle(title);
        setWidth("40rem");
        add(new Paragraph(rows.size() + (rows.size() == 1 ? " release: " : " releases: ")
                + String.join(", ", rows.stream().map(ReleasePipeline.Row::release).toList())
                + ". Releases that are there already are left out; one change request shows each release's diff."));
    }

    /** Opens the dialog for the selected rows, or says why it cannot (no rows, several charts). */
    public static void upgrade(Set<ReleasePipeline.Row> selected, BulkChanges bulk, ReleasePromotions promotions) {
        List<ReleasePipeline.Row> rows = oneChart(selected);
        if (rows == null) {
            return;
        }
        BulkChangeDialog dialog = new BulkChangeDialog("Upgrade " + rows.getFirst().chart(), rows);
        UpgradeTargetPicker environment = new UpgradeTargetPicker("bulk-environment", environments(rows));
        ComboBox<ChartVersion> version = new ComboBox<>("Version");
        version.setId("bulk-version");
        version.setItems(promotions.availableVersions(promotions.release(rows.getFirst().release())));
        version.setItemLabelGenerator(ChartVersion::label);
        version.setWidthFull();
        Button open = new Button("Open change request", e -> {
            if (version.getValue() == null) {
                version.setInvalid(true);
                version.setErrorMessage("Choose a version");
                return;
            }
            dialog.open(() -> bulk.upgrade(selection(rows), environment.environment(),
                    version.getValue().version(), Proposal.generated()));
        });
        dialog.finish(open, environment, version);
    }

    public static void promote(Set<ReleasePipeline.Row> selected, BulkChanges bulk) {
        List<ReleasePipeline.Row> rows = oneChart(selected);
        if (rows == null) {
            return;
        }
        BulkChangeDialog dialog = new BulkChangeDialog("Promote " + rows.getFirst().chart(), rows);
        List<String> environments = environments(rows);
        Select<String> from = new Select<>();
        from.setId("bulk-from");
        from.setLabel("From");
        from.setItems(environments);
        Select<String> to = new Select<>();
        to.setId("bulk-to");
        to.setLabel("To");
        to.setItems(environments);
        if (environments.size() > 1) {
            from.setValue(environments.get(0));
            to.setValue(environments.get(1));
        }
        Button open = new Button("Open change request", e -> dialog.open(() -> bulk.promote(selection(rows), from.getValue(), to.getValue(),
                false, Proposal.generated())));
        dialog.finish(open, from, to);
    }

    private void finish(Button open, com.vaadin.flow.component.Component... fields) {
        add(fields);
        open.setId("bulk-open");
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), open);
        super.open();
    }

    private void open(Supplier<ChangeRequest> action) {
        try {
            ChangeRequest cr = action.get();
            close();
            Notifications.success("Opened change request #" + cr.id());
            getUI().ifPresent(ui -> ui.navigate("change-requests/" + cr.id()));
        } catch (RuntimeException refused) {
            Notifications.error(refused.getMessage());
        }
    }

    private static BulkChanges.Selection selection(List<ReleasePipeline.Row> rows) {
        String[] chart = rows.getFirst().chart().split("/", 2);
        return new BulkChanges.Selection(chart[0], chart[1], rows.getFirst().team(), rows.stream().map(ReleasePipeline.Row::release).toList());
    }

    private static List<String> environments(List<ReleasePipeline.Row> rows) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> r.stages().forEach(s -> names.add(s.environment())));
        return List.copyOf(names);
    }

    /** The rows if they are releases of one chart and one team; else null, having said why. */
    private static List<ReleasePipeline.Row> oneChart(Set<ReleasePipeline.Row> selected) {
        if (selected.isEmpty()) {
            Notifications.error("Select the releases first");
            return null;
        }
        if (selected.stream().map(ReleasePipeline.Row::chart).distinct().count() > 1) {
            Notifications.error("Select releases of one chart: a change request upgrades or promotes one chart's releases");
            return null;
        }
        if (selected.stream().map(ReleasePipeline.Row::team).distinct().count() > 1) {
            Notifications.error("Select releases of one team: each team approves its own change request");
            return null;
        }
        return List.copyOf(selected);
    }
}
