package io.chartroom.changes.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestQuery;
import io.chartroom.changes.domain.ChangeRequestState;
import io.chartroom.changes.service.ChangeRequestService;
import io.chartroom.changes.service.ChangeRequestUpdates;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import io.chartroom.environments.service.EnvironmentService;
import jakarta.annotation.security.PermitAll;

/** Change requests, newest first, filtered; the list refreshes when one changes. */
@Route("change-requests")
@PageTitle("Change requests")
@Menu(order = 25, icon = "vaadin:road-branch", title = "Change requests")
@PermitAll
public class ChangeRequestsView extends VerticalLayout implements BeforeEnterObserver {

    private final ChangeRequestService changeRequests;
    private final ChangeRequestUpdates updates;
    private final Grid<ChangeRequest> grid = new Grid<>();
    private final Select<String> state = new Select<>();
    private final TextField release = new TextField();
    private final Select<String> environment = new Select<>();
    private final TextField author = new TextField();
    private final Checkbox waitingForMe = new Checkbox("Waiting for my review");
    private Runnable unsubscribe;

    public ChangeRequestsView(ChangeRequestService changeRequests, ChangeRequestUpdates updates, EnvironmentService environments,
                              CurrentUser currentUser) {
        this.changeRequests = changeRequests;
        this.updates = updates;
        setSizeFull();
        Paragraph intro = new Paragraph("Every change of a release is a change request: a branch with a commit in the GitOps "
                + "repository, reviewed under each environment's approval policy, then merged into main.");
        intro.addClassName("view-intro");

        state.setLabel("State");
        state.setItems("Open", "Merged", "Closed", "All");
        state.setValue("Open");
        state.setId("filter-state");
        release.setLabel("Release");
        release.setClearButtonVisible(true);
        release.setValueChangeMode(ValueChangeMode.LAZY);
        release.setId("filter-release");
        environment.setLabel("Environment");
        environment.setEmptySelectionAllowed(true);
        environment.setEmptySelectionCaption("Any");
        environment.setItems(environments.list().stream().map(e -> e.name()).toList());
        environment.setId("filter-environment");
        author.setLabel("Author");
        author.setClearButtonVisible(true);
        author.setValueChangeMode(ValueChangeMode.LAZY);
        author.setId("filter-author");
        waitingForMe.setId("filter-waiting");
        waitingForMe.setVisible(currentUser.find().map(u -> u.hasRole(Role.APPROVER)).orElse(false));
        HorizontalLayout filters = new HorizontalLayout(state, release, environment, author, waitingForMe);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.setId("change-requests");
        grid.addColumn(cr -> "#" + cr.id()).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(ChangeRequestsView::titleCell).setHeader("Change").setFlexGrow(3);
        grid.addComponentColumn(cr -> {
            Div envs = new Div();
            cr.environments().forEach(e -> envs.add(new Badge(e, Badge.Tone.NEUTRAL)));
            return envs;
        }).setHeader("Environments").setFlexGrow(1);
        grid.addColumn(ChangeRequest::author).setHeader("Author").setAutoWidth(true);
        grid.addComponentColumn(ChangeRequestsView::stateBadge).setHeader("State").setAutoWidth(true);
        grid.addColumn(cr -> Timestamps.format(cr.updatedAt())).setHeader("Updated").setAutoWidth(true);
        grid.setEmptyStateText("No change request matches. Propose one from a chart in the catalog or by editing a release.");
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("change-requests/" + e.getItem().id())));
        grid.setSizeFull();
        refresh();

        state.addValueChangeListener(e -> refresh());
        release.addValueChangeListener(e -> refresh());
        environment.addValueChangeListener(e -> refresh());
        author.addValueChangeListener(e -> refresh());
        waitingForMe.addValueChangeListener(e -> refresh());
        add(intro, filters, grid);
        expand(grid);
    }

    /** {@code ?release=name}: the list filtered to one release (the release page links here for its open ones). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("release").ifPresent(release::setValue);
    }

    private void refresh() {
        ChangeRequestState s = switch (state.getValue() == null ? "All" : state.getValue()) {
            case "Open" -> ChangeRequestState.OPEN;
            case "Merged" -> ChangeRequestState.MERGED;
            case "Closed" -> ChangeRequestState.CLOSED;
            default -> null;
        };
        ChangeRequestQuery query = new ChangeRequestQuery(s, release.getValue(), environment.getValue(), author.getValue());
        boolean mine = waitingForMe.getValue();
        grid.setItems(q -> changeRequests.list(query, mine, q.getOffset(), q.getLimit()).stream(), q -> changeRequests.count(query, mine));
    }

    static com.vaadin.flow.component.Component titleCell(ChangeRequest cr) {
        Span title = new Span(cr.title());
        title.addClassName("cr-title");
        Span release = new Span(cr.summary() + (cr.team() == null ? "" : " · team " + cr.team()));
        release.addClassName("cr-subtitle");
        return new Div(title, release);
    }

    static Badge stateBadge(ChangeRequest cr) {
        return switch (cr.state()) {
            case OPEN -> new Badge("open", Badge.Tone.PRIMARY);
            case MERGED -> new Badge("merged", Badge.Tone.SUCCESS);
            case CLOSED -> new Badge("closed", Badge.Tone.NEUTRAL);
        };
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        unsubscribe = updates.listen(id -> ui.access(() -> grid.getDataProvider().refreshAll()));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
    }
}
