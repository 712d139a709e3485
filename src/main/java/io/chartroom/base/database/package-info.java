@NullMarked
package io.chartroom.base.database;

import org.jspecify.annotations.NullMarked;
