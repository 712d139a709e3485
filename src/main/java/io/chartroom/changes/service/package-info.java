@NullMarked
package io.chartroom.changes.service;

import org.jspecify.annotations.NullMarked;
