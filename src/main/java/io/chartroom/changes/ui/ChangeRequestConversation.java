package io.chartroom.changes.ui;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.changes.domain.Activity;
import io.chartroom.changes.service.ChangeRequestService;

/**
 * The Conversation tab: what happened to a change request, oldest first, comments rendered from Markdown,
 * and a comment box for those who may comment. {@code commented} redraws the page on this tab.
 */
class ChangeRequestConversation extends Div {

    ChangeRequestConversation(ChangeRequestService.Details d, ChangeRequestService changeRequests, Runnable commented) {
        setId("cr-conversation");
        for (Activity a : d.activities()) {
            Div item = new Div();
            item.addClassNames("cr-activity", "cr-activity-" + a.kind().name().toLowerCase());
            Span who = new Span(a.actor());
            who.addClassName("cr-actor");
            Span when = new Span(Timestamps.format(a.at()));
            when.addClassName("cr-when");
            if (a.kind() == Activity.Kind.COMMENTED) {
                item.add(new Div(who, new Span(" commented "), when), new Html("<div class=\"cr-comment\">" + changeRequests.commentHtml(a) + "</div>"));
            } else {
                item.add(who, new Span(" " + describe(a) + " "), when);
            }
            add(item);
        }
        if (d.permissions().comment()) {
            TextArea comment = new TextArea();
            comment.setPlaceholder("Comment (Markdown)");
            comment.setWidthFull();
            comment.setId("comment");
            Button send = new Button("Comment", e -> {
                changeRequests.comment(d.changeRequest().id(), comment.getValue());
                commented.run();
            });
            send.setId("comment-send");
            add(comment, send);
        }
    }

    private static String describe(Activity a) {
        return switch (a.kind()) {
            case OPENED -> "opened the change request";
            case COMMITTED -> "pushed a commit: " + a.body();
            case APPROVED -> a.body();
            case DISMISSED -> a.body();
            case MERGED -> "merged it (" + a.body() + ")";
            case OVERRIDDEN -> "overrode the approval policy: " + a.body();
            case CLOSED -> "closed it";
            case REOPENED -> "reopened it";
            case REVERTED -> a.body();
            case COMMENTED -> "commented";
        };
    }
}
