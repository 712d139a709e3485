package io.chartroom.base.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;

/** The warning shown on every page while the development login is active. */
public class DevelopmentLoginBanner extends Span {

    public DevelopmentLoginBanner() {
        add(VaadinIcon.WARNING.create(), new Span("Development login: sample users with known passwords. Configure OIDC before real use."));
        addClassName("dev-login-banner");
        setId("dev-login-banner");
        getElement().setAttribute("role", "status");
    }
}
