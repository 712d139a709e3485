package io.chartroom.base.ui;

import com.vaadin.flow.component.Component;
import java.util.Optional;

/**
 * A warning that belongs on every page while it holds (the repository cannot be read, ...). Features provide
 * them as beans; the main layout shows each one's current component, if any, in the navigation bar.
 */
public interface PageBanner {

    Optional<Component> banner();
}
