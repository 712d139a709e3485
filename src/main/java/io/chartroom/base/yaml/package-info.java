@NullMarked
package io.chartroom.base.yaml;

import org.jspecify.annotations.NullMarked;
