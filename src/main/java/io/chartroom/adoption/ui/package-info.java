@NullMarked
package io.chartroom.adoption.ui;

import org.jspecify.annotations.NullMarked;
