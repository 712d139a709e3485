@NullMarked
package io.chartroom.audit.domain;

import org.jspecify.annotations.NullMarked;
