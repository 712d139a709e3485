@NullMarked
package io.chartroom.api;

import org.jspecify.annotations.NullMarked;
