package io.chartroom.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.Optional;

/**
 * A warning that belongs on every page while it holds (the repository cannot be read, ...). Features provide
 * them as beans; the main layout shows each one's current component, if any, in the navigation bar.
 */
public interface PageBanner {

    Optional<Component> banner();

    /** A banner as every page shows it: an icon, then what holds, announced to screen readers as a status. */
    static Component of(String id, VaadinIcon icon, Component... content) {
        Span banner = new Span(icon.create());
        banner.add(content);
        banner.addClassNames("dev-login-banner", "repository-banner");
        banner.setId(id);
        banner.getElement().setAttribute("role", "status");
        return banner;
    }
}
