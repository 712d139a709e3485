@NullMarked
package io.chartroom.security.ui;

import org.jspecify.annotations.NullMarked;
