package io.chartroom.changes.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import io.chartroom.base.ui.Notifications;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.MergeMethod;
import io.chartroom.changes.service.ChangeRequestRevisions;
import io.chartroom.changes.service.ChangeRequestService;
import io.chartroom.changes.service.MergeService;

/**
 * The buttons a caller may use on a change request (approve, merge or override, update from main, edit,
 * close, reopen, revert): the service's permissions decide which are shown, the services check again.
 * {@code refresh} redraws the page after an action that changes it in place.
 */
class ChangeRequestActions extends HorizontalLayout {

    private final long id;
    private final MergeService merges;
    private final Runnable refresh;

    ChangeRequestActions(ChangeRequestService.Details d, ChangeRequestService changeRequests, ChangeRequestRevisions revisions,
                         MergeService merges, Runnable refresh) {
        this.id = d.changeRequest().id();
        this.merges = merges;
        this.refresh = refresh;
        ChangeRequestService.Permissions p = d.permissions();
        setId("cr-actions");
        setAlignItems(FlexComponent.Alignment.BASELINE);
        if (p.approve()) {
            Button approve = new Button("Approve", VaadinIcon.CHECK.create(), e -> {
                changeRequests.approve(id);
                Notifications.success("Approved #" + id);
                refresh.run();
            });
            approve.setId("approve");
            approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
            add(approve);
        }
        if (p.merge()) {
            addMerge(d, p.override());
        }
        if (p.updateFromMain() && !d.mergeability().upToDate()) {
            Button update = new Button("Update from main", VaadinIcon.REFRESH.create(), e -> {
                revisions.updateFromMain(id);
                Notifications.success("Re-applied #" + id + " on top of main");
                refresh.run();
            });
            update.setId("update-from-main");
            update.setDisableOnClick(true);
            add(update);
        }
        if (p.edit()) {
            Button edit = new Button("Edit values", VaadinIcon.EDIT.create(),
                    e -> e.getSource().getUI().ifPresent(ui -> ui.navigate("change-requests/" + id + "/edit")));
            edit.setId("edit");
            add(edit);
        }
        if (p.close()) {
            Button close = new Button("Close", e -> {
                changeRequests.close(id);
                refresh.run();
            });
            close.setId("close");
            close.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            add(close);
        }
        if (p.reopen()) {
            Button reopen = new Button("Reopen", e -> {
                changeRequests.reopen(id);
                refresh.run();
            });
            reopen.setId("reopen");
            add(reopen);
        }
        if (p.revert() && d.revertedBy() == null) {
            Button revert = new Button("Revert", VaadinIcon.ARROW_BACKWARD.create(), e -> {
                ChangeRequest opened = revisions.revert(id);
                e.getSource().getUI().ifPresent(ui -> ui.navigate("change-requests/" + opened.id()));
            });
            revert.setId("revert");
            revert.setTooltipText("Open a change request that restores " + (d.changeRequest().changesEnvironments() ? "the environments"
                    : "the release") + " as before this one");
            add(revert);
        }
    }

    /** The merge method, Merge (enabled once policy, checks and mergeability allow) and, for admins, the override. */
    private void addMerge(ChangeRequestService.Details d, boolean mayOverride) {
        Select<MergeMethod> method = new Select<>();
        method.setItems(MergeMethod.values());
        method.setItemLabelGenerator(m -> m == MergeMethod.MERGE ? "Merge commit" : "Squash");
        method.setValue(MergeMethod.MERGE);
        method.setId("merge-method");
        method.setWidth("10rem");
        boolean ready = d.policy().met() && d.review().checksPass() && d.mergeability().clean();
        Button merge = new Button("Merge", VaadinIcon.ROAD_BRANCHES.create(), e -> {
            merges.merge(id, method.getValue(), null);
            Notifications.success("Merged #" + id + " into main");
            refresh.run();
        });
        merge.setId("merge");
        merge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        merge.setDisableOnClick(true);
        merge.setEnabled(ready);
        if (!ready) {
            merge.setTooltipText(!d.review().checksPass() ? "The checks fail" : !d.mergeability().clean()
                    ? "Conflicts with main: update from main first" : "Waiting for approvals: " + String.join("; ", d.policy().missing()));
        }
        add(method, merge);
        if (mayOverride && d.review().checksPass() && d.mergeability().clean()) {
            Button override = new Button("Merge without approvals…", e -> overrideDialog(method.getValue()));
            override.setId("merge-override");
            override.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            add(override);
        }
    }

    private void overrideDialog(MergeMethod method) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Merge #" + id + " without the required approvals");
        TextArea reason = new TextArea("Reason (recorded in the audit log)");
        reason.setWidth("32rem");
        reason.setId("override-reason");
        reason.setRequired(true);
        dialog.add(reason);
        Button confirm = new Button("Merge anyway", e -> {
            if (reason.getValue().isBlank()) {
                reason.setInvalid(true);
                reason.setErrorMessage("Say why the policy is overridden");
                return;
            }
            merges.merge(id, method, reason.getValue());
            dialog.close();
            Notifications.success("Merged #" + id + " into main (policy overridden)");
            refresh.run();
        });
        confirm.setId("override-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }
}
