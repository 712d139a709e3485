@NullMarked
package io.chartroom;

import org.jspecify.annotations.NullMarked;
