@NullMarked
package io.chartroom.changes.ui;

import org.jspecify.annotations.NullMarked;
