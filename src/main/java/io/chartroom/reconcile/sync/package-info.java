@NullMarked
package io.chartroom.reconcile.sync;

import org.jspecify.annotations.NullMarked;
