@NullMarked
package io.chartroom.releases.domain;

import org.jspecify.annotations.NullMarked;
