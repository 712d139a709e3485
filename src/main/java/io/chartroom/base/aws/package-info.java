@NullMarked
package io.chartroom.base.aws;

import org.jspecify.annotations.NullMarked;
