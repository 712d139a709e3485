@NullMarked
package io.chartroom.reconcile.health;

import org.jspecify.annotations.NullMarked;
