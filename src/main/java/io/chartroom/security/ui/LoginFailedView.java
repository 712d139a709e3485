package io.chartroom.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;

/** Says why a single sign-on was refused (for example: none of the user's groups maps to a role). */
@Route(value = LoginFailedView.ROUTE, autoLayout = false)
@PageTitle("Sign-in refused · Chartroom")
@AnonymousAllowed
public class LoginFailedView extends VerticalLayout implements BeforeEnterObserver {

    public static final String ROUTE = "login-failed";
    private final Paragraph reason = new Paragraph();

    public LoginFailedView() {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        reason.setId("login-failed-reason");
        Anchor retry = new Anchor("/", "Try again");
        retry.setRouterIgnore(true);
        add(new H1("Sign-in refused"), reason, retry);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Object error = VaadinSession.getCurrent().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        String text = switch (error) {
            case OAuth2AuthenticationException e when e.getError().getDescription() != null -> e.getError().getDescription();
            case AuthenticationException e -> e.getMessage();
            case null, default -> "The identity provider did not sign you in.";
        };
        reason.setText(text);
    }
}
