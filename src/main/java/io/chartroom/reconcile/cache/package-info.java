@NullMarked
package io.chartroom.reconcile.cache;

import org.jspecify.annotations.NullMarked;
