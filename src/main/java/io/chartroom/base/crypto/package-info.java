@NullMarked
package io.chartroom.base.crypto;

import org.jspecify.annotations.NullMarked;
