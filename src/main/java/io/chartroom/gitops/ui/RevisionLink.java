package io.chartroom.gitops.ui;

import com.vaadin.flow.component.html.Anchor;
import io.chartroom.gitops.domain.CommitId;

/** A revision as its short id, linking to the commit's files of one release (the full id on hover). */
public class RevisionLink extends Anchor {

    public RevisionLink(String revision, String release) {
        setText(revision == null ? "—" : CommitId.shortOf(revision));
        if (CommitId.isFull(revision)) {
            setHref(CommitView.link(revision, "releases/" + release));
            setTitle(revision);
        }
        addClassName("revision-link");
    }
}
