@NullMarked
package io.chartroom.environments.ui;

import org.jspecify.annotations.NullMarked;
