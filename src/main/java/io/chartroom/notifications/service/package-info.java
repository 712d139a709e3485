@NullMarked
package io.chartroom.notifications.service;

import org.jspecify.annotations.NullMarked;
