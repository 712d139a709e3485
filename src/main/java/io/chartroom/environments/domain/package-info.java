@NullMarked
package io.chartroom.environments.domain;

import org.jspecify.annotations.NullMarked;
