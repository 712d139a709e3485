@NullMarked
package io.chartroom.base.ui;

import org.jspecify.annotations.NullMarked;
