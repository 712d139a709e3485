package io.chartroom.base.ui;

import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * What a user sees when an action fails that the view did not handle itself: a notification that says what
 * went wrong, never a stack trace. Unexpected errors are logged with their trace.
 */
@Component
class UiErrorHandling implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(UiErrorHandling.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(UiErrorHandling::handle));
    }

    static void handle(ErrorEvent event) {
        Throwable error = rootCause(event.getThrowable());
        String message = switch (error) {
            case AccessDeniedException e -> "Not allowed: " + e.getMessage();
            case InvalidInputException e -> e.getMessage();
            case NotFoundException e -> e.getMessage();
            case ConflictException e -> e.getMessage();
            default -> {
                log.error("Unexpected error in the UI", event.getThrowable());
                yield "Something went wrong: " + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
            }
        };
        if (com.vaadin.flow.component.UI.getCurrent() != null) {
            Notifications.error(message);
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current
                && !(current instanceof AccessDeniedException || current instanceof InvalidInputException
                || current instanceof NotFoundException || current instanceof ConflictException)) {
            current = current.getCause();
        }
        return current;
    }
}
