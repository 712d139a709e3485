package io.chartroom.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.ui.Notifications;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.security.domain.ApiToken;
import io.chartroom.security.domain.AppUser;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.ApiTokenService;
import io.chartroom.security.service.AppUserService;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;

/** For admins: every user who has logged in, with the roles and teams of their last login, and all tokens. */
@Route("admin/users")
@PageTitle("Users and tokens")
@Menu(order = 200, icon = "vaadin:users", title = "Users")
@RolesAllowed("ADMIN")
public class UsersView extends VerticalLayout {

    private final ApiTokenService tokens;
    private final Clock clock;
    private final Grid<ApiToken> tokenGrid = new Grid<>();

    public UsersView(AppUserService users, ApiTokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        setSizeFull();
        Paragraph intro = new Paragraph("Roles and teams come from the identity provider's group mapping at each "
                + "login; personal access tokens act with the roles of their owner's last login.");
        intro.addClassName("view-intro");

        Grid<AppUser> userGrid = new Grid<>();
        userGrid.setId("users");
        userGrid.addColumn(AppUser::username).setHeader("User").setSortable(true).setAutoWidth(true);
        userGrid.addColumn(AppUser::displayName).setHeader("Name").setAutoWidth(true);
        userGrid.addColumn(u -> u.roles().isEmpty() ? "none" : Role.highest(u.roles()).name()).setHeader("Role").setAutoWidth(true);
        userGrid.addColumn(u -> String.join(", ", u.teams())).setHeader("Teams").setFlexGrow(1);
        userGrid.addColumn(AppUser::source).setHeader("Source").setAutoWidth(true);
        userGrid.addColumn(u -> Timestamps.format(u.lastLoginAt())).setHeader("Last login").setAutoWidth(true);
        userGrid.setItems(users.all());
        userGrid.setEmptyStateText("Nobody has logged in yet.");
        userGrid.setHeight("40%");

        tokenGrid.setId("all-tokens");
        tokenGrid.setEmptyStateText("No user has created a personal access token yet.");
        tokenGrid.addColumn(ApiToken::owner).setHeader("Owner").setAutoWidth(true);
        tokenGrid.addColumn(ApiToken::name).setHeader("Name").setFlexGrow(1);
        tokenGrid.addColumn(t -> t.prefix() + "…").setHeader("Token").setAutoWidth(true);
        tokenGrid.addColumn(t -> Timestamps.format(t.expiresAt())).setHeader("Expires").setAutoWidth(true);
        tokenGrid.addColumn(t -> t.lastUsedAt() == null ? "never" : Timestamps.format(t.lastUsedAt())).setHeader("Last used").setAutoWidth(true);
        tokenGrid.addColumn(t -> t.state(clock.instant())).setHeader("State").setAutoWidth(true);
        tokenGrid.addComponentColumn(t -> {
            Button revoke = new Button("Revoke", e -> {
                tokens.revoke(t.id());
                refreshTokens();
                Notifications.success("Token \"" + t.name() + "\" of " + t.owner() + " revoked");
            });
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            revoke.setVisible(t.isActive(clock.instant()));
            return revoke;
        }).setAutoWidth(true);
        add(intro, userGrid, new H3("Personal access tokens"), tokenGrid);
        refreshTokens();
    }

    private void refreshTokens() {
        tokenGrid.setItems(tokens.all());
    }
}
