@NullMarked
package io.chartroom.clusters.domain;

import org.jspecify.annotations.NullMarked;
