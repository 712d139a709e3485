@NullMarked
package io.chartroom.reconcile.service;

import org.jspecify.annotations.NullMarked;
