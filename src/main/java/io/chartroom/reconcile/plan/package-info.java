@NullMarked
package io.chartroom.reconcile.plan;

import org.jspecify.annotations.NullMarked;
