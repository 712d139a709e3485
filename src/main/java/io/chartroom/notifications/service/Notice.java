package io.chartroom.notifications.service;

import io.chartroom.notifications.domain.NotificationKind;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Something to tell subscribers, with where it happened (the environments a change request changes, or a unit's one) and a link. */
public record Notice(NotificationKind kind, String title, @Nullable String release, List<String> environments,
                     @Nullable String cluster, @Nullable String team, @Nullable Long changeRequest, String link, Instant at) {}
