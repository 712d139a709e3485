@NullMarked
package io.chartroom.base.settings;

import org.jspecify.annotations.NullMarked;
