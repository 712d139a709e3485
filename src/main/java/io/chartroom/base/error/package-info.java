@NullMarked
package io.chartroom.base.error;

import org.jspecify.annotations.NullMarked;
