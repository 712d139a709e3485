@NullMarked
package io.chartroom.security.config;

import org.jspecify.annotations.NullMarked;
