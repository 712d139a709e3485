package io.chartroom.changes.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.service.ChangeRequestRevisions;
import io.chartroom.changes.service.ChangeRequestService;
import io.chartroom.changes.service.ChangeRequestUpdates;
import io.chartroom.githost.service.PullRequests;
import io.chartroom.changes.service.MergeService;
import jakarta.annotation.security.PermitAll;
import org.jspecify.annotations.Nullable;

/**
 * A change request: what it changes in each environment and cluster (values and rendered objects, as diffs),
 * the files, the checks, where it stands against the approval policy, the conversation, and the actions the
 * caller may take. Updates live when someone else approves, comments or merges. The parts are components of
 * their own ({@link ChangeRequestHeader}, {@link ChangeRequestActions}, {@link ChangesByEnvironment},
 * {@link ChangedFiles}, {@link ChangeRequestConversation}, {@link ChangeRequestSidebar}); this view lays them
 * out, remembers the open tab and redraws them all when the change request changes.
 */
@Route("change-requests/:id(\\d+)")
@PermitAll
public class ChangeRequestView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final ChangeRequestService changeRequests;
    private final ChangeRequestRevisions revisions;
    private final MergeService merges;
    private final ChangeRequestUpdates updates;
    private final PullRequests pullRequests;
    private long id;
    private String title = "Change request";
    private @Nullable String selectedTab;
    private @Nullable Runnable unsubscribe;

    public ChangeRequestView(ChangeRequestService changeRequests, ChangeRequestRevisions revisions, MergeService merges,
                             ChangeRequestUpdates updates, PullRequests pullRequests) {
        this.revisions = revisions;
        this.pullRequests = pullRequests;
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
        add(new ChangeRequestHeader(d, changeRequests, pullRequests.link(id).orElse(null)), new ChangeRequestActions(d, changeRequests, revisions, merges, this::refresh));
        TabSheet tabs = new TabSheet();
        tabs.setId("cr-tabs");
        tabs.add("Changes", new ChangesByEnvironment(d.review())).setId("tab-changes");
        tabs.add("Files (" + d.review().files().size() + ")", new ChangedFiles(d.review())).setId("tab-files");
        // everything the conversation lists counts: comments, approvals and what happened
        tabs.add("Conversation (" + d.activities().size() + ")",
                new ChangeRequestConversation(d, changeRequests, () -> {
                    selectedTab = "tab-conversation";
                    refresh();
                })).setId("tab-conversation");
        tabs.setSizeFull();
        // a redraw after an action keeps the tab the caller was on
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
        HorizontalLayout body = new HorizontalLayout(main, new ChangeRequestSidebar(d));
        body.addClassName("cr-body");
        body.setWidthFull();
        add(body);
        expand(body);
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
