package io.chartroom.base.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the UI writes points in time: unambiguous, in UTC, to the minute (to the second where order matters, as in the audit log). */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    public static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    public static String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** To the second, without the zone (for columns whose header names it). */
    public static String seconds(Instant instant) {
        return instant == null ? "" : SECONDS.format(instant);
    }
}
