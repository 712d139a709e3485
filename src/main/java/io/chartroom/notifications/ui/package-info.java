@NullMarked
package io.chartroom.notifications.ui;

import org.jspecify.annotations.NullMarked;
