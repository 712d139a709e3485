package io.chartroom.releases.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.releases.service.ReleaseSubmissions;
import java.util.function.LongConsumer;
import org.springframework.beans.factory.ObjectProvider;

/** Asks before proposing a release's removal from every environment, then opens that change request. */
final class RemoveReleaseDialog extends Dialog {

    /** @param opened told the change request's id */
    RemoveReleaseDialog(String release, ObjectProvider<ReleaseSubmissions> submissions, LongConsumer opened) {
        setHeaderTitle("Remove " + release + " from every environment?");
        add(new Paragraph("This opens a change request that deletes the release's files. Once it is approved and merged, "
                + "the reconciler removes the release's objects from its clusters."));
        Button confirm = new Button("Open change request", e -> {
            long id = submissions.getObject().submitRemoval(release, new Proposal(null, null, null));
            close();
            opened.accept(id);
        });
        confirm.setId("remove-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        confirm.setDisableOnClick(true);
        getFooter().add(new Button("Cancel", e -> close()), confirm);
    }
}
