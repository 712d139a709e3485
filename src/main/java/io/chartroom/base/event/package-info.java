@NullMarked
package io.chartroom.base.event;

import org.jspecify.annotations.NullMarked;
