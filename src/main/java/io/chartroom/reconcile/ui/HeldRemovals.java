package io.chartroom.reconcile.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.chartroom.base.ui.Notifications;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.service.ReleaseStatusService;
import java.util.List;

/**
 * On a cluster's page: the units whose objects stay on it until an ADMIN confirms their removal (orphaned by a
 * label or selector change, or held as too large a removal), and, for an ADMIN, the button that confirms it.
 */
final class HeldRemovals extends Div {

    private final ReleaseStatusService status;
    private final boolean admin;

    HeldRemovals(ReleaseStatusService status, boolean admin) {
        this.status = status;
        this.admin = admin;
        setId("held-removals");
        addClassName("callout-warning");
    }

    void show(String cluster, List<UnitStatus> units) {
        removeAll();
        List<UnitStatus> waiting = units.stream().filter(u -> u.sync().awaitsConfirmation() && u.removalConfirmedBy() == null).toList();
        setVisible(!waiting.isEmpty());
        if (waiting.isEmpty()) {
            return;
        }
        int objects = waiting.stream().mapToInt(u -> u.prunableObjects(false)).sum(); // namespaces and CRDs stay
        add(new Paragraph(waiting.size() + (waiting.size() == 1 ? " release keeps " : " releases keep ") + objects
                + " objects on this cluster that main no longer asks for here. Nothing is deleted until an admin confirms."));
        waiting.forEach(u -> add(new Div(new Span(u.key().release() + " in " + u.key().environment() + ": " + u.message()))));
        if (admin) {
            Button confirm = new Button("Confirm removal…", e -> confirm(cluster, waiting.size(), objects));
            confirm.setId("confirm-removals");
            confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
            add(confirm);
        }
    }

    private void confirm(String cluster, int releases, int objects) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader("Delete " + objects + " objects from " + cluster + "?");
        dialog.setText("The objects of " + releases + (releases == 1 ? " release" : " releases")
                + " are deleted from this cluster now (namespaces stay). This is recorded in the audit log.");
        dialog.setCancelable(true);
        dialog.setConfirmText("Delete them");
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> {
            int units = status.confirmRemovals(cluster, null);
            Notifications.success("Removal confirmed for " + units + (units == 1 ? " release" : " releases") + "; the reconciler deletes them now");
        });
        dialog.open();
    }
}
