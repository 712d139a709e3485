@NullMarked
package io.chartroom.catalog.domain;

import org.jspecify.annotations.NullMarked;
