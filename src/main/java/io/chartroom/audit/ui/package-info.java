@NullMarked
package io.chartroom.audit.ui;

import org.jspecify.annotations.NullMarked;
