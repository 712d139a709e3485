package io.chartroom.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import io.chartroom.base.error.NotFoundException;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A page of something that does not exist (a release, change request, cluster or chart typed or linked by a name
 * that is not there): the portal's own "Not found" inside the layout, saying what is missing, with answer 404. Not
 * an error of the portal, so logged at DEBUG only.
 */
@PermitAll
@PageTitle("Not found")
@ParentLayout(MainLayout.class)
public class MissingObjectView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    private static final Logger log = LoggerFactory.getLogger(MissingObjectView.class);
    private final Paragraph what = new Paragraph();

    public MissingObjectView() {
        setId("not-found");
        what.setId("not-found-what");
        add(new H2("Not found"), what, new Anchor("", "Back to the start page"));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        log.debug("Not found: /{}: {}", event.getLocation().getPath(), parameter.getException().getMessage());
        what.setText(capitalized(parameter.getException().getMessage()) + ".");
        return HttpServletResponse.SC_NOT_FOUND;
    }

    private static String capitalized(String text) {
        return text == null || text.isEmpty() ? "It does not exist" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
