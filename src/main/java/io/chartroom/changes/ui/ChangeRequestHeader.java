package io.chartroom.changes.ui;

import io.chartroom.gitops.domain.CommitId;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.changes.domain.Activity;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.service.ChangeRequestService;
import io.chartroom.githost.domain.GitHostKind;
import io.chartroom.githost.domain.PullRequestLink;
import org.jspecify.annotations.Nullable;

/**
 * The top of a change request's page: title and state, who proposes what where, who may commit, the revert
 * links and the description (Markdown, rendered by the service that sanitises comments).
 */
class ChangeRequestHeader extends VerticalLayout {

    ChangeRequestHeader(ChangeRequestService.Details d, ChangeRequestService changeRequests, @Nullable PullRequestLink pullRequest) {
        ChangeRequest cr = d.changeRequest();
        H2 heading = new H2("#" + cr.id() + " " + cr.title());
        heading.setId("cr-title");
        Badge state = ChangeRequestsView.stateBadge(cr);
        state.setId("cr-state");
        HorizontalLayout top = new HorizontalLayout(heading, state);
        top.setAlignItems(FlexComponent.Alignment.CENTER);
        Paragraph sub = new Paragraph(summaryLine(cr));
        sub.addClassName("view-intro");
        Paragraph committers = new Paragraph("Commits: " + cr.whoMayCommit() + ".");
        committers.addClassName("view-intro");
        committers.setId("cr-committers");
        add(top, sub, committers);
        if (cr.release() != null) {
            Anchor release = new Anchor("releases/" + cr.release(), "Release " + cr.release());
            release.setId("cr-release-link");
            add(release);
        }
        if (pullRequest != null) {
            add(pullRequest(pullRequest));
        }
        setPadding(false);
        setSpacing(false);
        if (cr.revertsId() != null) {
            add(link("Reverts #" + cr.revertsId(), cr.revertsId()));
        }
        if (d.revertedBy() != null) {
            add(link("Reverted by #" + d.revertedBy(), d.revertedBy()));
        }
        if (!cr.description().isBlank()) {
            Div description = new Div(new Html("<div>" + changeRequests.commentHtml(new Activity(0, cr.id(), Activity.Kind.OPENED,
                    cr.author(), cr.description(), cr.createdAt())) + "</div>"));
            description.addClassName("cr-description");
            add(description);
        }
    }

    /** Where the change request is reviewed on the Git host too, and whether the last update there failed. */
    private static Component pullRequest(PullRequestLink link) {
        String noun = link.kind() == GitHostKind.GITLAB ? "Merge request !" : "Pull request #";
        // the URL is the host's answer: only a web link becomes one
        String url = link.url().startsWith("https://") || link.url().startsWith("http://") ? link.url() : "";
        Anchor anchor = new Anchor(url, noun + link.number() + " on " + link.kind().shortName());
        anchor.setTarget("_blank");
        anchor.getElement().setAttribute("rel", "noopener noreferrer");
        anchor.setId("cr-pull-request");
        Div line = new Div(anchor);
        if (link.lastError() != null) {
            com.vaadin.flow.component.html.Span error = new com.vaadin.flow.component.html.Span(" · its last update failed ("
                    + Timestamps.format(link.updatedAt()) + "): " + link.lastError() + "; Chartroom retries on the next change");
            error.addClassName("error-text");
            error.setId("cr-pull-request-error");
            line.add(error);
        }
        return line;
    }

    private static String summaryLine(ChangeRequest cr) {
        String where = cr.environments().isEmpty() ? "" : " in " + String.join(", ", cr.environments());
        String line = cr.author() + " proposes to " + cr.summary() + where
                + (cr.team() == null ? "" : " · team " + cr.team()) + " · branch " + cr.branch() + " at " + CommitId.shortOf(cr.headCommit())
                + " · opened " + Timestamps.format(cr.createdAt());
        if (cr.mergeCommit() != null) {
            line += " · merged by " + cr.mergedBy() + " as " + CommitId.shortOf(cr.mergeCommit()) + " " + Timestamps.format(cr.mergedAt());
        }
        if (cr.closedBy() != null) {
            line += " · closed by " + cr.closedBy() + " " + Timestamps.format(cr.closedAt());
        }
        if (cr.commitAuthors().size() > 1) {
            line += " · commits by " + String.join(", ", cr.commitAuthors());
        }
        return line;
    }

    private static Component link(String text, long target) {
        Button button = new Button(text, e -> e.getSource().getUI().ifPresent(ui -> ui.navigate("change-requests/" + target)));
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        return button;
    }
}
