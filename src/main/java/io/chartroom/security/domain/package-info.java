@NullMarked
package io.chartroom.security.domain;

import org.jspecify.annotations.NullMarked;
