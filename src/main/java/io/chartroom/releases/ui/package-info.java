@NullMarked
package io.chartroom.releases.ui;

import org.jspecify.annotations.NullMarked;
