@NullMarked
package io.chartroom.settings.domain;

import org.jspecify.annotations.NullMarked;
