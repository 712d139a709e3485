@NullMarked
package io.chartroom.base.kube;

import org.jspecify.annotations.NullMarked;
