@NullMarked
package io.chartroom.clusters.ui;

import org.jspecify.annotations.NullMarked;
