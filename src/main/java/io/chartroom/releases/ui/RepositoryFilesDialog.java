package io.chartroom.releases.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.Notifications;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.ReleaseDraftService;
import java.util.Map;

/** The files a valid draft becomes in the GitOps repository, by path (nothing is written). */
final class RepositoryFilesDialog extends Dialog {

    /** The files the draft becomes, or why there are none yet. */
    static void openFor(ReleaseDraftService drafts, ReleaseDraft draft, String editing) {
        Map<String, String> files;
        try {
            files = drafts.files(draft, editing);
        } catch (InvalidInputException e) {
            Notifications.error("Fix the problems first: " + e.getMessage());
            return;
        }
        new RepositoryFilesDialog(files).open();
    }

    RepositoryFilesDialog(Map<String, String> files) {
        setHeaderTitle("Files in the GitOps repository");
        setWidth("56rem");
        VerticalLayout list = new VerticalLayout();
        files.forEach((path, content) -> {
            Pre pre = new Pre(content);
            pre.addClassName("code-block");
            list.add(new Span(path), pre);
        });
        add(list);
        getFooter().add(new Button("Close", e -> close()));
    }
}
