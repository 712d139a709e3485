@NullMarked
package io.chartroom.reconcile.domain;

import org.jspecify.annotations.NullMarked;
