package io.chartroom.notifications.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Notifications;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.notifications.domain.Delivery;
import io.chartroom.notifications.domain.NotificationKind;
import io.chartroom.notifications.domain.NotificationTarget;
import io.chartroom.notifications.service.NotificationTargets;
import io.chartroom.notifications.service.TargetDraft;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where Chartroom sends notifications (signed webhooks, Slack-compatible webhooks), what each gets, and the delivery log. */
@Route("admin/notifications")
@PageTitle("Notifications")
@Menu(order = 247, icon = "vaadin:bell", title = "Notifications")
@RolesAllowed("ADMIN")
public class NotificationsView extends VerticalLayout {

    private final NotificationTargets targets;
    private final io.chartroom.notifications.service.Notifications notifications;
    private final Grid<NotificationTarget> targetGrid = new Grid<>();
    private final Grid<Delivery> deliveryGrid = new Grid<>();
    private final TextField name = new TextField("Name");
    private final Select<NotificationTarget.Kind> kind = new Select<>();
    private final PasswordField url = new PasswordField("URL");
    private final PasswordField secret = new PasswordField("Signing secret");
    private final CheckboxGroup<NotificationKind> events = new CheckboxGroup<>("Events");
    private final TextField environments = new TextField("Only environments");
    private final TextField teams = new TextField("Only teams");

    public NotificationsView(NotificationTargets targets, io.chartroom.notifications.service.Notifications notifications) {
        this.targets = targets;
        this.notifications = notifications;
        setMaxWidth("80rem");
        Paragraph intro = new Paragraph("Chartroom tells these targets when change requests are opened, approved and merged, and when the "
                + "reconciler finds a failed apply, a degraded release or drift. A webhook gets JSON signed with its secret "
                + "(X-Chartroom-Signature-256); a Slack-compatible incoming webhook gets a message. URLs and secrets are stored encrypted "
                + "and never shown again. Failed deliveries are retried 4 times with back-off.");
        intro.addClassName("view-intro");
        Button reload = new Button("Reload", e -> deliveryGrid.getDataProvider().refreshAll());
        reload.setId("deliveries-reload");
        reload.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout logHeading = new HorizontalLayout(new H3("Delivery log"), reload);
        logHeading.setAlignItems(Alignment.BASELINE);
        add(intro, form(), new H3("Targets"), targetGrid(), logHeading, deliveryGrid());
        refresh();
    }

    private FormLayout form() {
        name.setId("target-name");
        kind.setLabel("Kind");
        kind.setId("target-kind");
        kind.setItems(NotificationTarget.Kind.values());
        kind.setItemLabelGenerator(k -> k == NotificationTarget.Kind.WEBHOOK ? "Webhook (signed JSON)" : "Slack-compatible incoming webhook");
        kind.setValue(NotificationTarget.Kind.WEBHOOK);
        url.setId("target-url");
        secret.setId("target-secret");
        secret.setHelperText("Webhooks only: at least 16 characters; the receiver checks the signature with it");
        events.setId("target-events");
        events.setItems(Arrays.stream(NotificationKind.values()).filter(k -> k != NotificationKind.TEST).toList());
        events.setItemLabelGenerator(NotificationKind::label);
        environments.setId("target-environments");
        environments.setPlaceholder("all (or e.g. production, staging)");
        teams.setId("target-teams");
        teams.setPlaceholder("all (or e.g. payments)");
        Button add = new Button("Add target", e -> add());
        add.setId("target-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(name, kind, url, secret, environments, teams, events, add);
        form.setColspan(events, 2);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40rem", 2));
        return form;
    }

    private Grid<NotificationTarget> targetGrid() {
        targetGrid.setId("targets-grid");
        targetGrid.addColumn(NotificationTarget::name).setHeader("Name").setAutoWidth(true);
        targetGrid.addColumn(t -> t.kind() == NotificationTarget.Kind.WEBHOOK ? (t.signed() ? "Webhook, signed" : "Webhook, unsigned") : "Slack")
                .setHeader("Kind").setAutoWidth(true);
        targetGrid.addColumn(NotificationTarget::urlHost).setHeader("Host").setAutoWidth(true);
        targetGrid.addColumn(t -> String.join(", ", t.events().stream().map(NotificationKind::label).toList())).setHeader("Events").setFlexGrow(1);
        targetGrid.addColumn(t -> (t.environments().isEmpty() ? "all environments" : String.join(", ", t.environments())) + " · "
                + (t.teams().isEmpty() ? "all teams" : String.join(", ", t.teams()))).setHeader("For").setAutoWidth(true);
        targetGrid.addComponentColumn(t -> {
            Button test = new Button("Send test", e -> {
                notifications.test(t.id(), "");
                Notifications.success("Test sent to " + t.name() + ": its outcome is in the delivery log");
                deliveryGrid.getDataProvider().refreshAll();
            });
            test.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            Button remove = new Button("Remove", e -> {
                targets.remove(t.id());
                refresh();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return new HorizontalLayout(test, remove);
        }).setAutoWidth(true);
        targetGrid.setAllRowsVisible(true);
        targetGrid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        targetGrid.setEmptyStateText("No targets yet: nobody is notified. Add a webhook or a Slack incoming webhook above.");
        return targetGrid;
    }

    private Grid<Delivery> deliveryGrid() {
        deliveryGrid.setId("deliveries-grid");
        deliveryGrid.addColumn(d -> Timestamps.format(d.createdAt())).setHeader("When").setAutoWidth(true);
        deliveryGrid.addColumn(Delivery::targetName).setHeader("Target").setAutoWidth(true);
        deliveryGrid.addColumn(Delivery::title).setHeader("Notification").setFlexGrow(1);
        deliveryGrid.addComponentColumn(d -> new Badge(switch (d.status()) {
            case DELIVERED -> "delivered";
            case PENDING -> d.attempts() == 0 ? "sending" : "retrying";
            case FAILED -> "failed";
        }, switch (d.status()) {
            case DELIVERED -> Badge.Tone.SUCCESS;
            case PENDING -> Badge.Tone.NEUTRAL;
            case FAILED -> Badge.Tone.ERROR;
        })).setHeader("Status").setAutoWidth(true);
        deliveryGrid.addColumn(d -> d.attempts() + (d.lastError() == null ? "" : " · " + d.lastError())).setHeader("Attempts").setFlexGrow(1);
        deliveryGrid.setItems(query -> targets.deliveries(query.getOffset(), query.getLimit()).stream());
        deliveryGrid.setHeight("24rem");
        deliveryGrid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        deliveryGrid.setEmptyStateText("Nothing sent yet.");
        return deliveryGrid;
    }

    private void add() {
        Map<String, com.vaadin.flow.component.HasValidation> fields = Map.of("name", name, "kind", kind, "url", url, "secret", secret,
                "events", events, "environments", environments, "teams", teams);
        fields.values().forEach(f -> f.setInvalid(false));
        try {
            targets.add(new TargetDraft(name.getValue(), kind.getValue(), url.getValue(), secret.getValue(), List.copyOf(events.getValue()),
                    words(environments.getValue()), words(teams.getValue())));
            Notifications.success("Target " + name.getValue() + " added");
            name.clear();
            url.clear();
            secret.clear();
            events.clear();
            environments.clear();
            teams.clear();
            refresh();
        } catch (InvalidInputException invalid) {
            for (InvalidInputException.Problem problem : invalid.problems()) {
                var field = fields.get(problem.location());
                if (field != null) {
                    field.setErrorMessage(problem.message());
                    field.setInvalid(true);
                }
            }
            Notifications.error("Check the marked fields");
        }
    }

    private static List<String> words(String text) {
        return Stream.of(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private void refresh() {
        targetGrid.setItems(targets.list());
        deliveryGrid.getDataProvider().refreshAll();
    }
}
