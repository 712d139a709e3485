package io.chartroom.changes.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Notifications;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.base.ui.YamlDiffView;
import io.chartroom.changes.domain.Activity;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.changes.domain.MergeMethod;
import io.chartroom.changes.service.ChangeRequestRevisions;
import io.chartroom.changes.service.ChangeRequestService;
import io.chartroom.changes.service.ChangeRequestUpdates;
import io.chartroom.changes.service.MergeService;
import io.chartroom.changes.service.PolicyStatus;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * A change request: what it changes in each environment and cluster (values and rendered objects, as diffs),
 * the files, the checks, where it stands against the approval policy, the conversation, and the actions the
 * caller may take. Updates live when someone else approves, comments or merges.
 */
@Route("change-requests/:id(\\d+)")
@PermitAll
public class ChangeRequestView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ChangeRequestService changeRequests;
    private final ChangeRequestRevisions revisions;
    private final MergeService merges;
    private final ChangeRequestUpdates updates;
    private long id;
    private String title = "Change request";
    private String selectedTab;
    private Runnable unsubscribe;

    public ChangeRequestView(ChangeRequestService changeRequests, ChangeRequestRevisions revisions, MergeService merges,
                             ChangeRequestUpdates updates) {
        this.revisions = revisions;
        this.changeRequests = changeRequests;
        this.merges = merges;
        this.updates = updates;
        addClassName("change-request");
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        id = Long.parseLong(event.getRouteParameters().get("id").orElseThrow());
        refresh();
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void refresh() {
        ChangeRequestService.Details d = changeRequests.details(id);
        ChangeRequest cr = d.changeRequest();
        title = "#" + cr.id() + " " + cr.title();
        removeAll();
        add(header(d), actions(d));
        TabSheet tabs = new TabSheet();
        tabs.setId("cr-tabs");
        tabs.add("Changes", changes(d.review())).setId("tab-changes");
        tabs.add("Files (" + d.review().files().size() + ")", files(d.review())).setId("tab-files");
        tabs.add("Conversation (" + d.activities().stream().filter(a -> a.kind() == Activity.Kind.COMMENTED).count() + ")",
                conversation(d)).setId("tab-conversation");
        tabs.setSizeFull();
        if (selectedTab != null) {
            for (int i = 0; i < tabs.getTabCount(); i++) {
                if (tabs.getTabAt(i).getId().orElse("").equals(selectedTab)) {
                    tabs.setSelectedIndex(i);
                }
            }
        }
        tabs.addSelectedChangeListener(e -> selectedTab = e.getSelectedTab().getId().orElse(null));
        Div main = new Div(tabs);
        main.addClassName("cr-main");
        Div side = sidebar(d);
        side.addClassName("cr-side");
        HorizontalLayout body = new HorizontalLayout(main, side);
        body.addClassName("cr-body");
        body.setWidthFull();
        add(body);
        expand(body);
    }

    // ---- header and actions -----------------------------------------------------------------------------

    private Component header(ChangeRequestService.Details d) {
        ChangeRequest cr = d.changeRequest();
        H2 heading = new H2("#" + cr.id() + " " + cr.title());
        heading.setId("cr-title");
        Badge state = ChangeRequestsView.stateBadge(cr);
        state.setId("cr-state");
        HorizontalLayout top = new HorizontalLayout(heading, state);
        top.setAlignItems(FlexComponent.Alignment.CENTER);
        String where = cr.environments().isEmpty() ? "" : " in " + String.join(", ", cr.environments());
        String line = cr.author() + " proposes to " + cr.summary() + where
                + (cr.team() == null ? "" : " · team " + cr.team()) + " · branch " + cr.branch() + " at " + cr.headCommit().substring(0, 8)
                + " · opened " + Timestamps.format(cr.createdAt());
        if (cr.mergeCommit() != null) {
            line += " · merged by " + cr.mergedBy() + " as " + cr.mergeCommit().substring(0, 8) + " " + Timestamps.format(cr.mergedAt());
        }
        if (cr.closedBy() != null) {
            line += " · closed by " + cr.closedBy() + " " + Timestamps.format(cr.closedAt());
        }
        if (cr.commitAuthors().size() > 1) {
            line += " · commits by " + String.join(", ", cr.commitAuthors());
        }
        Paragraph sub = new Paragraph(line);
        sub.addClassName("view-intro");
        Paragraph committers = new Paragraph("Commits: " + cr.whoMayCommit() + ".");
        committers.addClassName("view-intro");
        committers.setId("cr-committers");
        VerticalLayout header = new VerticalLayout(top, sub, committers);
        header.setPadding(false);
        header.setSpacing(false);
        if (cr.revertsId() != null) {
            header.add(link("Reverts #" + cr.revertsId(), cr.revertsId()));
        }
        if (d.revertedBy() != null) {
            header.add(link("Reverted by #" + d.revertedBy(), d.revertedBy()));
        }
        if (!cr.description().isBlank()) {
            Div description = new Div(new Html("<div>" + changeRequests.commentHtml(new Activity(0, cr.id(), Activity.Kind.OPENED,
                    cr.author(), cr.description(), cr.createdAt())) + "</div>"));
            description.addClassName("cr-description");
            header.add(description);
        }
        return header;
    }

    private static Component link(String text, long target) {
        Button button = new Button(text, e -> e.getSource().getUI().ifPresent(ui -> ui.navigate("change-requests/" + target)));
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        return button;
    }

    private Component actions(ChangeRequestService.Details d) {
        ChangeRequestService.Permissions p = d.permissions();
        HorizontalLayout bar = new HorizontalLayout();
        bar.setId("cr-actions");
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (p.approve()) {
            Button approve = new Button("Approve", VaadinIcon.CHECK.create(), e -> {
                changeRequests.approve(id);
                Notifications.success("Approved #" + id);
                refresh();
            });
            approve.setId("approve");
            approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
            bar.add(approve);
        }
        if (p.merge()) {
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
                refresh();
            });
            merge.setId("merge");
            merge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            merge.setDisableOnClick(true);
            merge.setEnabled(ready);
            if (!ready) {
                merge.setTooltipText(!d.review().checksPass() ? "The checks fail" : !d.mergeability().clean()
                        ? "Conflicts with main: update from main first" : "Waiting for approvals: " + String.join("; ", d.policy().missing()));
            }
            bar.add(method, merge);
            if (p.override() && d.review().checksPass() && d.mergeability().clean()) {
                Button override = new Button("Merge without approvals…", e -> overrideDialog(method.getValue()));
                override.setId("merge-override");
                override.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                bar.add(override);
            }
        }
        if (p.updateFromMain() && !d.mergeability().upToDate()) {
            Button update = new Button("Update from main", VaadinIcon.REFRESH.create(), e -> {
                revisions.updateFromMain(id);
                Notifications.success("Re-applied #" + id + " on top of main");
                refresh();
            });
            update.setId("update-from-main");
            update.setDisableOnClick(true);
            bar.add(update);
        }
        if (p.edit()) {
            Button edit = new Button("Edit values", VaadinIcon.EDIT.create(),
                    e -> e.getSource().getUI().ifPresent(ui -> ui.navigate("change-requests/" + id + "/edit")));
            edit.setId("edit");
            bar.add(edit);
        }
        if (p.close()) {
            Button close = new Button("Close", e -> {
                changeRequests.close(id);
                refresh();
            });
            close.setId("close");
            close.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            bar.add(close);
        }
        if (p.reopen()) {
            Button reopen = new Button("Reopen", e -> {
                changeRequests.reopen(id);
                refresh();
            });
            reopen.setId("reopen");
            bar.add(reopen);
        }
        if (p.revert() && d.revertedBy() == null) {
            Button revert = new Button("Revert", VaadinIcon.ARROW_BACKWARD.create(), e -> {
                ChangeRequest opened = revisions.revert(id);
                e.getSource().getUI().ifPresent(ui -> ui.navigate("change-requests/" + opened.id()));
            });
            revert.setId("revert");
            revert.setTooltipText("Open a change request that restores " + (d.changeRequest().changesEnvironments() ? "the environments"
                    : "the release") + " as before this one");
            bar.add(revert);
        }
        return bar;
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
            refresh();
        });
        confirm.setId("override-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    // ---- sidebar: policy, checks, mergeability -------------------------------------------------------

    private Div sidebar(ChangeRequestService.Details d) {
        Div side = new Div();
        side.add(new H3("Approvals"));
        Div policy = new Div();
        policy.setId("cr-policy");
        for (PolicyStatus.EnvironmentStatus env : d.policy().environments()) {
            Div row = statusRow(env.met(), env.environment() + ": " + env.policy().describe(),
                    env.met() ? (env.counted().isEmpty() ? "nothing needed" : "approved by " + String.join(", ", env.counted()))
                            : "missing " + env.missing() + (env.counted().isEmpty() ? "" : "; approved by " + String.join(", ", env.counted())));
            policy.add(row);
        }
        side.add(policy);
        List<String> dismissed = d.approvals().stream().filter(a -> !a.active())
                .map(a -> a.approver() + " (" + a.dismissedReason() + ")").toList();
        if (!dismissed.isEmpty()) {
            Span note = new Span("Dismissed: " + String.join(", ", dismissed));
            note.addClassName("cr-note");
            side.add(note);
        }
        side.add(new H3("Checks"));
        Div checks = new Div();
        checks.setId("cr-checks");
        for (ChangeReview.Check c : d.review().checks()) {
            Div row = statusRow(c.status() != ChangeReview.CheckStatus.FAILED, c.name() + ": " + c.summary(), null);
            if (c.status() == ChangeReview.CheckStatus.WARNING) {
                row.addClassName("status-warning");
            }
            c.details().stream().limit(8).forEach(detail -> {
                Span line = new Span(detail);
                line.addClassName("cr-check-detail");
                row.add(line);
            });
            checks.add(row);
        }
        side.add(checks);
        if (d.changeRequest().open()) {
            side.add(new H3("Merge"));
            ChangeRequestService.Mergeability m = d.mergeability();
            Div mergeability = statusRow(m.clean(), m.upToDate() ? "Up to date with main" : m.clean()
                    ? "Main moved on; merges cleanly" : "Conflicts with main", m.clean() ? null : String.join(", ", m.conflicts()));
            mergeability.setId("cr-mergeability");
            side.add(mergeability);
        }
        return side;
    }

    private static Div statusRow(boolean ok, String text, String detail) {
        Div row = new Div();
        row.addClassNames("status-row", ok ? "status-ok" : "status-missing");
        Span icon = new Span((ok ? VaadinIcon.CHECK_CIRCLE : VaadinIcon.CIRCLE_THIN).create());
        Span label = new Span(text);
        label.addClassName("status-label");
        row.add(icon, label);
        if (detail != null && !detail.isBlank()) {
            Span d = new Span(detail);
            d.addClassName("status-detail");
            row.add(d);
        }
        return row;
    }

    // ---- the diffs -----------------------------------------------------------------------------------

    private Component changes(ChangeReview review) {
        Div all = new Div();
        all.setId("cr-changes");
        if (review.environments().isEmpty()) {
            all.add(new Paragraph("The release runs in no environment."));
        }
        for (ChangeReview.EnvironmentChange env : review.environments()) {
            Div section = new Div();
            section.addClassName("cr-environment");
            section.setId("cr-env-" + env.environment());
            H3 name = new H3(env.environment());
            HorizontalLayout heading = new HorizontalLayout(name);
            heading.setAlignItems(FlexComponent.Alignment.CENTER);
            if (!env.before() && env.after()) {
                heading.add(new Badge("release added here", Badge.Tone.SUCCESS));
            } else if (env.before() && !env.after()) {
                heading.add(new Badge("release removed here", Badge.Tone.ERROR));
            } else if (!env.changed()) {
                heading.add(new Badge("no change", Badge.Tone.NEUTRAL));
            }
            section.add(heading);
            if (env.valuesChanged()) {
                section.add(lazyDiff("Values", "values", env.valuesBefore(), env.valuesAfter(), true));
            }
            for (ChangeReview.TargetDiff target : env.targets()) {
                section.add(target(env.environment(), target));
            }
            all.add(section);
        }
        return all;
    }

    private Component target(String environment, ChangeReview.TargetDiff target) {
        Div box = new Div();
        box.addClassName("cr-target");
        H4 heading = new H4((target.clusters().isEmpty() ? "no cluster" : String.join(", ", target.clusters()))
                + " · Kubernetes " + target.kubeVersion());
        HorizontalLayout line = new HorizontalLayout(heading);
        line.setAlignItems(FlexComponent.Alignment.CENTER);
        for (var status : List.of(ChangeReview.ObjectStatus.ADDED, ChangeReview.ObjectStatus.CHANGED, ChangeReview.ObjectStatus.REMOVED,
                ChangeReview.ObjectStatus.UNCHANGED)) {
            long n = target.count(status);
            if (n > 0) {
                line.add(new Badge(n + " " + status.name().toLowerCase(), tone(status)));
            }
        }
        box.add(line);
        if (target.errorAfter() != null) {
            Div error = new Div(new Span("Does not render: " + target.errorAfter()));
            error.addClassName("callout-error");
            box.add(error);
        }
        if (target.errorBefore() != null) {
            Span note = new Span("What main holds does not render here: " + target.errorBefore());
            note.addClassName("cr-note");
            box.add(note);
        }
        for (ChangeReview.ObjectChange o : target.objects()) {
            if (o.status() == ChangeReview.ObjectStatus.UNCHANGED) {
                continue;
            }
            // changes open by default (what reviewers came for); whole objects added or removed on demand
            Details object = lazyDiff(null, o.id(), o.before(), o.after(),
                    o.status() == ChangeReview.ObjectStatus.CHANGED && target.count(ChangeReview.ObjectStatus.CHANGED) <= 5);
            Span label = new Span(o.kind() + " " + (o.namespace() == null ? "" : o.namespace() + "/") + o.name());
            label.addClassName("cr-object-name");
            Span summary = new Span(new Badge(o.status().name().toLowerCase(), tone(o.status())), label);
            if (o.role() != null) {
                Span role = new Span(o.role());
                role.addClassName("cr-object-role");
                summary.add(role);
            }
            object.setSummary(summary);
            object.addClassName("cr-object");
            object.setId("cr-object-" + environment + "-" + o.kind() + "-" + o.name());
            box.add(object);
        }
        List<String> unchanged = target.objects().stream().filter(o -> o.status() == ChangeReview.ObjectStatus.UNCHANGED)
                .map(o -> o.kind() + " " + o.name()).toList();
        if (!unchanged.isEmpty()) {
            Span note = new Span("Unchanged: " + String.join(", ", unchanged));
            note.addClassName("cr-note");
            box.add(note);
        }
        return box;
    }

    /** A diff that builds its editor only when opened (a change request may have many objects). */
    private static Details lazyDiff(String summary, String key, String before, String after, boolean opened) {
        Details details = new Details(summary == null ? "" : summary);
        details.addClassName("cr-diff");
        Runnable fill = () -> {
            if (details.getContent().findAny().isEmpty()) {
                YamlDiffView diff = new YamlDiffView();
                diff.setOriginal(before == null ? "" : before);
                diff.setModified(after == null ? "" : after);
                // a whole object added or removed reads better in one column
                diff.setUnified(before == null || after == null);
                diff.setWidthFull();
                diff.getElement().setAttribute("data-key", key);
                details.add(diff);
            }
        };
        details.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                fill.run();
            }
        });
        if (opened) {
            fill.run();
            details.setOpened(true);
        }
        return details;
    }

    private static Badge.Tone tone(ChangeReview.ObjectStatus status) {
        return switch (status) {
            case ADDED -> Badge.Tone.SUCCESS;
            case CHANGED -> Badge.Tone.PRIMARY;
            case REMOVED -> Badge.Tone.ERROR;
            case UNCHANGED -> Badge.Tone.NEUTRAL;
        };
    }

    private Component files(ChangeReview review) {
        Div all = new Div();
        all.setId("cr-files");
        for (ChangeReview.FileChange f : review.files()) {
            Details file = lazyDiff(null, f.path(), f.before(), f.after(), review.files().size() <= 4);
            file.setSummary(new Span(new Badge(f.status().name().toLowerCase(), f.status() == ChangeReview.FileStatus.ADDED ? Badge.Tone.SUCCESS
                    : f.status() == ChangeReview.FileStatus.DELETED ? Badge.Tone.ERROR : Badge.Tone.PRIMARY), new Span(" " + f.path())));
            all.add(file);
        }
        return all;
    }

    // ---- conversation --------------------------------------------------------------------------------

    private Component conversation(ChangeRequestService.Details d) {
        Div all = new Div();
        all.setId("cr-conversation");
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
            all.add(item);
        }
        if (d.permissions().comment()) {
            TextArea comment = new TextArea();
            comment.setPlaceholder("Comment (Markdown)");
            comment.setWidthFull();
            comment.setId("comment");
            Button send = new Button("Comment", e -> {
                changeRequests.comment(id, comment.getValue());
                selectedTab = "tab-conversation";
                refresh();
            });
            send.setId("comment-send");
            all.add(comment, send);
        }
        return all;
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

    // ---- live updates --------------------------------------------------------------------------------

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        unsubscribe = updates.listen(changed -> {
            if (changed == id) {
                ui.access(this::refresh);
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
    }
}
