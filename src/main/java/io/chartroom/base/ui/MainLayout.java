package io.chartroom.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import jakarta.annotation.security.PermitAll;

/**
 * The frame around every view: navigation (only the views the user's role may open, from their @Menu
 * annotations), the signed-in user with roles and teams, logout, the development login banner and the
 * features' page banners.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final H1 viewTitle = new H1();

    public MainLayout(UserSession session, java.util.List<PageBanner> banners) {
        setPrimarySection(Section.DRAWER);
        viewTitle.addClassName("view-title");
        Div spacer = new Div();
        spacer.addClassName("navbar-spacer");
        addToNavbar(new DrawerToggle(), viewTitle, spacer);
        if (session.developmentLogin()) {
            addToNavbar(new DevelopmentLoginBanner());
        }
        banners.forEach(b -> b.banner().ifPresent(this::addToNavbar));

        Header brand = new Header(VaadinIcon.ANCHOR.create(), new Span("Chartroom"));
        brand.addClassName("brand");
        SideNav nav = new SideNav();
        nav.setId("main-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = entry.icon() == null
                    ? new SideNavItem(entry.title(), entry.path())
                    : new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()));
            nav.addItem(item);
        }
        addToDrawer(brand, new Scroller(nav), userFooter(session));
    }

    private static Div userFooter(UserSession session) {
        Span name = new Span(session.displayName());
        name.addClassName("user-name");
        name.setId("current-user");
        Span access = new Span(session.accessSummary());
        access.addClassName("user-access");
        access.setId("current-roles");
        Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), e -> session.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        logout.setId("logout");
        Div footer = new Div(name, access, logout);
        footer.addClassName("user-footer");
        return footer;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        viewTitle.setText(MenuConfiguration.getPageHeader(getContent()).orElse(""));
        // a page's first answer is its largest: not the one the tab keeps while it stays open
        getUI().ifPresent(KeptResponse::replaceAfterThisAnswer);
    }
}
