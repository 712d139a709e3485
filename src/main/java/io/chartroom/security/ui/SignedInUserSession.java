package io.chartroom.security.ui;

import com.vaadin.flow.spring.security.AuthenticationContext;
import io.chartroom.base.ui.UserSession;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import io.chartroom.security.service.SecuritySettings;
import org.springframework.stereotype.Component;

/** The security feature's answer to what the main layout shows about the user. */
@Component
class SignedInUserSession implements UserSession {

    private final CurrentUser currentUser;
    private final AuthenticationContext authentication;
    private final SecuritySettings settings;

    SignedInUserSession(CurrentUser currentUser, AuthenticationContext authentication, SecuritySettings settings) {
        this.currentUser = currentUser;
        this.authentication = authentication;
        this.settings = settings;
    }

    @Override
    public String displayName() {
        return currentUser.find().map(UserIdentity::displayName).orElse("");
    }

    @Override
    public String accessSummary() {
        return currentUser.find().map(SignedInUserSession::summary).orElse("");
    }

    static String summary(UserIdentity user) {
        String role = user.highestRole() == null ? "no role" : user.highestRole().name();
        return user.teams().isEmpty() ? role : role + " · " + (user.teams().size() == 1 ? "team " : "teams ")
                + String.join(", ", user.teams());
    }

    @Override
    public boolean developmentLogin() {
        return !settings.oidcEnabled();
    }

    @Override
    public void logout() {
        authentication.logout();
    }
}
