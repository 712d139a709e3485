@NullMarked
package io.chartroom.reconcile.cluster;

import org.jspecify.annotations.NullMarked;
