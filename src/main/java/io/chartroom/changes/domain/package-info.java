@NullMarked
package io.chartroom.changes.domain;

import org.jspecify.annotations.NullMarked;
