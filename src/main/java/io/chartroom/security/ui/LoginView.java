package io.chartroom.security.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.chartroom.base.ui.DevelopmentLoginBanner;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.DevUsers;

/** The development login: a password form for the sample users, listed beside it. */
@Route(value = "login", autoLayout = false)
@PageTitle("Log in · Chartroom")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    public LoginView() {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getErrorMessage().setTitle("Wrong user name or password");
        i18n.getErrorMessage().setMessage("Use one of the sample users on the right; the password is the user name.");
        form.setI18n(i18n);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);

        H1 title = new H1("Chartroom");
        title.addClassName("login-title");
        Paragraph tagline = new Paragraph("Helm charts on many Kubernetes clusters, through Git and review.");
        tagline.addClassName("login-tagline");

        Grid<UserIdentity> users = new Grid<>();
        users.setId("sample-users");
        users.addColumn(UserIdentity::username).setHeader("User").setAutoWidth(true);
        users.addColumn(u -> u.highestRole().name()).setHeader("Role").setAutoWidth(true);
        users.addColumn(u -> String.join(", ", u.teams())).setHeader("Team").setAutoWidth(true);
        users.setItems(DevUsers.ALL);
        users.setAllRowsVisible(true);
        users.setWidth("22rem");
        Div hint = new Div(VaadinIcon.INFO_CIRCLE.create(), new Paragraph("Sample users: the password is the user name."));
        hint.addClassName("login-hint");
        VerticalLayout samples = new VerticalLayout(hint, users);
        samples.setPadding(false);
        samples.setWidth("auto");

        HorizontalLayout body = new HorizontalLayout(form, samples);
        body.setAlignItems(Alignment.START);
        add(new DevelopmentLoginBanner(), title, tagline, body);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            form.setError(true);
        }
    }
}
