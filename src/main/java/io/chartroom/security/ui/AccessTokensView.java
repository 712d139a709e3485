package io.chartroom.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.Notifications;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.security.domain.ApiToken;
import io.chartroom.security.service.ApiTokenService;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A user's personal access tokens for the REST API and Git over HTTP: create (shown once), list, revoke. */
@Route("tokens")
@PageTitle("Access tokens")
@Menu(order = 90, icon = "vaadin:key", title = "Access tokens")
@PermitAll
public class AccessTokensView extends VerticalLayout {

    private final ApiTokenService tokens;
    private final Clock clock;
    private final Grid<ApiToken> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("You have no access tokens yet. Create one to call the REST API "
            + "(Authorization: Bearer <token>) or to clone the GitOps repository over HTTP.");

    public AccessTokensView(ApiTokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        setSizeFull();
        Button create = new Button("New token", VaadinIcon.PLUS.create(), e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-token");
        Paragraph intro = new Paragraph("Tokens act with your roles and teams. Chartroom stores only a hash: "
                + "a token is shown once, when you create it.");
        intro.addClassName("view-intro");

        grid.setId("tokens");
        grid.addColumn(ApiToken::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(t -> t.prefix() + "…").setHeader("Token").setAutoWidth(true);
        grid.addColumn(t -> Timestamps.format(t.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addColumn(t -> Timestamps.format(t.expiresAt())).setHeader("Expires").setAutoWidth(true);
        grid.addColumn(t -> t.lastUsedAt() == null ? "never" : Timestamps.format(t.lastUsedAt())).setHeader("Last used").setAutoWidth(true);
        grid.addComponentColumn(t -> {
            Span state = new Span(t.state(clock.instant()));
            state.getElement().getThemeList().add("badge " + (t.isActive(clock.instant()) ? "success" : "contrast"));
            return state;
        }).setHeader("State").setAutoWidth(true);
        grid.addComponentColumn(t -> {
            Button revoke = new Button("Revoke", e -> confirmRevoke(t));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            revoke.setVisible(t.isActive(clock.instant()));
            return revoke;
        }).setAutoWidth(true);
        add(new HorizontalLayout(intro, create), empty, grid);
        refresh();
    }

    private void refresh() {
        List<ApiToken> mine = tokens.mine();
        grid.setItems(mine);
        grid.setVisible(!mine.isEmpty());
        empty.setVisible(mine.isEmpty());
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New access token");
        dialog.setWidth("28rem");
        TextField name = new TextField("Name");
        name.setId("token-name");
        name.setHelperText("What the token is for, e.g. \"CI pipeline\"");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(100);
        name.setWidthFull();
        Select<Integer> lifetime = new Select<>();
        lifetime.setLabel("Expires after");
        lifetime.setItems(7, 30, 90, 365);
        lifetime.setItemLabelGenerator(days -> days + " days");
        lifetime.setValue(90);
        lifetime.setWidthFull();
        Button createButton = new Button("Create", e -> {
            try {
                ApiTokenService.CreatedToken created = tokens.create(name.getValue(), Duration.ofDays(lifetime.getValue()));
                dialog.close();
                refresh();
                showSecret(created);
            } catch (InvalidInputException ex) {
                name.setInvalid(ex.messageFor("name") != null);
                name.setErrorMessage(ex.messageFor("name"));
                if (ex.messageFor("lifetime") != null) {
                    Notifications.error(ex.messageFor("lifetime"));
                }
            }
        });
        createButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        createButton.setId("create-token");
        dialog.add(new VerticalLayout(name, lifetime));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), createButton);
        dialog.open();
        name.focus();
    }

    private void showSecret(ApiTokenService.CreatedToken created) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Token \"" + created.token().name() + "\" created");
        TextField secret = new TextField();
        secret.setId("token-secret");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidth("32rem");
        Button copy = new Button("Copy", VaadinIcon.COPY.create(),
                e -> secret.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", created.secret()));
        Paragraph warning = new Paragraph("Copy the token now. Chartroom keeps only its hash and cannot show it again.");
        warning.addClassName("warning-text");
        dialog.add(new VerticalLayout(warning, new HorizontalLayout(secret, copy)));
        Button done = new Button("Done", e -> dialog.close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        done.setId("token-done");
        dialog.getFooter().add(done);
        dialog.setCloseOnOutsideClick(false);
        dialog.open();
    }

    private void confirmRevoke(ApiToken token) {
        Dialog confirm = new Dialog();
        confirm.setHeaderTitle("Revoke \"" + token.name() + "\"?");
        confirm.add(new Paragraph("Scripts using this token stop working at once. This cannot be undone."));
        Button revoke = new Button("Revoke", e -> {
            tokens.revoke(token.id());
            confirm.close();
            refresh();
            Notifications.success("Token \"" + token.name() + "\" revoked");
        });
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        revoke.setId("confirm-revoke");
        confirm.getFooter().add(new Button("Cancel", e -> confirm.close()), revoke);
        confirm.open();
    }
}
