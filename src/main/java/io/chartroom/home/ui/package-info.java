@NullMarked
package io.chartroom.home.ui;

import org.jspecify.annotations.NullMarked;
