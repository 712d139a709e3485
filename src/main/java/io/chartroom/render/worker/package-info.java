@NullMarked
package io.chartroom.render.worker;

import org.jspecify.annotations.NullMarked;
