@NullMarked
package io.chartroom.reconcile.status;

import org.jspecify.annotations.NullMarked;
