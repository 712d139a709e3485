@NullMarked
package io.chartroom.reconcile.diff;

import org.jspecify.annotations.NullMarked;
