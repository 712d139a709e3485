package io.chartroom.gitops.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.chartroom.base.ui.PageBanner;
import io.chartroom.gitops.service.RepositoryCheck;
import java.util.Optional;

/**
 * On every page while main holds files Chartroom cannot read: nothing is written to the repository meanwhile; or, once
 * an ADMIN chose to keep a helmfile layout, that values change there in place.
 */
@org.springframework.stereotype.Component
class RepositoryProblemsBanner implements PageBanner {

    private final RepositoryCheck check;

    RepositoryProblemsBanner(RepositoryCheck check) {
        this.check = check;
    }

    @Override
    public Optional<Component> banner() {
        int problems;
        boolean kept;
        try {
            problems = check.onMain().problems().size();
            kept = problems > 0 && check.mainIsKept();
        } catch (RuntimeException unreadable) {
            // the check itself failed (an object Git cannot read): say so instead of failing every page
            return Optional.of(PageBanner.of("repository-banner", VaadinIcon.WARNING,
                    new Span("The GitOps repository cannot be checked: " + unreadable.getMessage())));
        }
        if (problems == 0) {
            return Optional.empty();
        }
        if (kept) {
            return Optional.of(PageBanner.of("repository-banner", VaadinIcon.INFO_CIRCLE, new Span("The GitOps repository keeps its helmfile "
                    + "layout: Chartroom applies its releases as helmfile reads them and changes a value in place, one line of one file. "),
                    new Anchor("repository/helmfile", "Change a value")));
        }
        return Optional.of(PageBanner.of("repository-banner", VaadinIcon.WARNING, new Span("The GitOps repository has " + problems
                + (problems == 1 ? " file" : " files") + " Chartroom cannot read: nothing is written to it. "),
                new Anchor(RepositoryView.ROUTE, "See why")));
    }
}
