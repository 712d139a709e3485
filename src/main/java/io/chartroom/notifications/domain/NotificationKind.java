package io.chartroom.notifications.domain;

/** What can be notified; the event names in payloads are these, lower case with dots. */
public enum NotificationKind {
    CHANGE_REQUEST_OPENED("change_request.opened", "Change request opened"),
    CHANGE_REQUEST_APPROVED("change_request.approved", "Change request approved"),
    CHANGE_REQUEST_MERGED("change_request.merged", "Change request merged"),
    UNIT_FAILED("unit.failed", "Apply failed"),
    UNIT_DEGRADED("unit.degraded", "Release degraded"),
    DRIFT_DETECTED("drift.detected", "Drift detected"),
    DRIFT_HEALED("drift.healed", "Drift healed"),
    /** Sent on demand to one target from the admin page; nobody subscribes to it. */
    TEST("test", "Test notification");

    private final String event;
    private final String label;

    NotificationKind(String event, String label) {
        this.event = event;
        this.label = label;
    }

    public String event() {
        return event;
    }

    public String label() {
        return label;
    }
}
