@NullMarked
package io.chartroom.settings.ui;

import org.jspecify.annotations.NullMarked;
