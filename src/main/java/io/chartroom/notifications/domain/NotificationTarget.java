package io.chartroom.notifications.domain;

import java.time.Instant;
import java.util.List;

/**
 * A subscription: where to send (never shown: only the URL's host), which events, and for which environments and
 * teams (empty: all). {@code signed}: a webhook with a signing secret.
 */
public record NotificationTarget(long id, String name, Kind kind, String urlHost, boolean signed, List<NotificationKind> events,
                                 List<String> environments, List<String> teams, String createdBy, Instant createdAt) {

    public enum Kind { WEBHOOK, SLACK }

    /** Whether a notice about these environments (any of them) and this team goes here. */
    public boolean wants(NotificationKind event, List<String> noticeEnvironments, @org.jspecify.annotations.Nullable String team) {
        return events.contains(event)
                && (environments.isEmpty() || noticeEnvironments.stream().anyMatch(environments::contains))
                && (teams.isEmpty() || team != null && teams.contains(team));
    }
}
