package io.chartroom.releases.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.ReleaseSubmissions;
import java.util.function.LongConsumer;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Title, description and commit message of the change request (generated ones proposed), then the submission:
 * a branch, a commit and the change request, or a commit onto the change request being amended.
 */
final class SubmitDialog extends Dialog {

    /**
     * @param editing  the release on main the draft changes, or null for a new one
     * @param amending the open change request the draft came from, or null
     * @param opened   told the change request's id once it has the commit
     */
    SubmitDialog(ReleaseDraft draft, String editing, ReleaseSubmissions.Proposed amending, String generatedTitle,
                 ObjectProvider<ReleaseSubmissions> submissions, LongConsumer opened) {
        setHeaderTitle(amending != null ? "Add a commit to change request #" + amending.changeRequestId() : "Submit a change request");
        setWidth("40rem");
        TextField titleField = new TextField("Title");
        titleField.setWidthFull();
        titleField.setId("submit-title");
        titleField.setValue(amending != null ? amending.title() : generatedTitle);
        TextArea description = new TextArea("Description");
        description.setWidthFull();
        description.setId("submit-description");
        description.setHelperText("Why, and what reviewers should look at (Markdown)");
        description.setValue(amending != null ? amending.description() : "");
        TextField message = new TextField("Commit message");
        message.setWidthFull();
        message.setId("submit-message");
        message.setPlaceholder("The title");
        Paragraph note = new Paragraph(amending != null
                ? "The commit goes onto the change request's branch; its approvals are dismissed."
                : "Chartroom creates a branch with one commit in the GitOps repository and opens a change request for review.");
        note.addClassName("view-intro");
        add(new VerticalLayout(note, titleField, description, message));
        Button confirm = new Button(amending != null ? "Add commit" : "Open change request", e -> {
            Proposal proposal = new Proposal(titleField.getValue(), description.getValue(), message.getValue());
            long id = amending != null ? submissions.getObject().amend(amending.changeRequestId(), draft, proposal)
                    : submissions.getObject().submit(draft, editing, proposal);
            close();
            opened.accept(id);
        });
        confirm.setId("submit-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setDisableOnClick(true);
        getFooter().add(new Button("Cancel", e -> close()), confirm);
    }
}
