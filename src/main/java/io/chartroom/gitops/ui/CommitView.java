package io.chartroom.gitops.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.base.ui.YamlDiffView;
import io.chartroom.gitops.domain.CommitId;
import io.chartroom.gitops.service.CommitFiles;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * One commit of the GitOps repository, opened from a revision: its author, time and message, and each file it
 * changed as a diff against the commit before it. {@code ?path=releases/web} narrows it to one release's files.
 */
@Route("repository/commits/:id([0-9a-f]{40})")
@PermitAll
public class CommitView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final CommitFiles commits;
    private String title = "Commit";

    public CommitView(CommitFiles commits) {
        this.commits = commits;
        setWidthFull();
    }

    /** Where a revision links to: the commit, narrowed to a directory when given. */
    public static String link(String commit, String directory) {
        return "repository/commits/" + commit + (directory == null || directory.isEmpty() ? "" : "?path=" + directory);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("id").orElse("");
        List<String> path = event.getLocation().getQueryParameters().getParameters().getOrDefault("path", List.of());
        String directory = path.isEmpty() ? "" : path.getFirst();
        CommitFiles.Commit commit = commits.commit(id, directory);
        title = "Commit " + CommitId.shortOf(id);
        removeAll();

        Span shortId = new Span(CommitId.shortOf(id));
        shortId.addClassName("commit-id");
        shortId.getElement().setAttribute("title", id);
        Div heading = new Div(new H3(commit.info().message()));
        heading.setId("commit-heading");
        Paragraph facts = new Paragraph();
        facts.setId("commit-facts");
        facts.add(shortId, new Span(" by " + commit.info().author() + " · " + Timestamps.format(commit.info().at())
                + (commit.info().parents().size() > 1 ? " · merge" : "")));
        add(heading, facts);
        if (!directory.isEmpty()) {
            Anchor all = new Anchor(link(id, ""), "Show every file of this commit");
            all.setId("commit-all-files");
            add(new Paragraph(new Span("Files under " + directory + "/ · "), all));
        }
        if (commit.files().isEmpty()) {
            Paragraph none = new Paragraph(directory.isEmpty() ? "This commit changed no file." : "This commit changed nothing under " + directory + "/.");
            none.setId("commit-no-files");
            add(none);
        }
        for (CommitFiles.ChangedFile file : commit.files()) {
            Div name = new Div(new Span(file.path()));
            name.addClassName("commit-file");
            if (file.before() == null) {
                name.add(new Badge("added", Badge.Tone.SUCCESS));
            } else if (file.after() == null) {
                name.add(new Badge("deleted", Badge.Tone.ERROR));
            }
            YamlDiffView diff = new YamlDiffView();
            diff.setOriginal(file.before());
            diff.setModified(file.after());
            diff.setWidthFull();
            diff.setMaxHeight("32rem");
            add(name, diff);
        }
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
