package io.chartroom.reconcile.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.chartroom.base.ui.PageBanner;
import io.chartroom.reconcile.service.Reconciler;
import java.util.Optional;

/**
 * On every page while an ADMIN has paused the reconciler (a change freeze): merges still land on main, but nothing
 * reaches the clusters until it runs again, which everyone merging should know.
 */
@org.springframework.stereotype.Component
class ReconcilerPausedBanner implements PageBanner {

    private final Reconciler reconciler;

    ReconcilerPausedBanner(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public Optional<Component> banner() {
        if (!reconciler.paused()) {
            return Optional.empty();
        }
        return Optional.of(PageBanner.of("paused-banner", VaadinIcon.PAUSE,
                new Span("The reconciler is paused: merged changes reach no cluster until an ADMIN resumes it (Settings).")));
    }
}
