@NullMarked
package io.chartroom.clusters.service;

import org.jspecify.annotations.NullMarked;
