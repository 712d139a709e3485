/** Notifications out: webhooks and Slack-compatible messages for change requests and what the reconciler finds, with a delivery log. */
@NullMarked
package io.chartroom.notifications.domain;

import org.jspecify.annotations.NullMarked;
