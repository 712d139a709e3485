@NullMarked
package io.chartroom.releases.values;

import org.jspecify.annotations.NullMarked;
