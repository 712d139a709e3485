@NullMarked
package io.chartroom.secrets.domain;

import org.jspecify.annotations.NullMarked;
