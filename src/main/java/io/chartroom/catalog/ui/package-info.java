@NullMarked
package io.chartroom.catalog.ui;

import org.jspecify.annotations.NullMarked;
