package io.chartroom.base.event;

import io.chartroom.base.error.ConflictException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Asked before something others depend on is removed (a chart repository, a cluster): features that use it
 * listen and name what uses it, without the removing feature knowing them. Published synchronously; a
 * removal that anything still uses is refused with the users named.
 */
public final class RemovalCheck {

    private final String kind;
    private final String name;
    private final List<String> usedBy = new ArrayList<>();

    private RemovalCheck(String kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    /** Asks every listener; throws a ConflictException naming what still uses it. */
    public static void require(ApplicationEventPublisher events, String kind, String name, String advice) {
        RemovalCheck check = new RemovalCheck(kind, name);
        events.publishEvent(check);
        if (!check.usedBy.isEmpty()) {
            List<String> shown = check.usedBy.subList(0, Math.min(check.usedBy.size(), 10));
            throw new ConflictException(kind + " " + name + " is still used by " + String.join(", ", shown)
                    + (check.usedBy.size() > shown.size() ? " and " + (check.usedBy.size() - shown.size()) + " more" : "")
                    + "; " + advice);
        }
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** A listener names one user, e.g. "release shop". */
    public void usedBy(String user) {
        usedBy.add(user);
    }
}
