@NullMarked
package io.chartroom.reconcile.ui;

import org.jspecify.annotations.NullMarked;
