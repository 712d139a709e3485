@NullMarked
package io.chartroom.catalog.service;

import org.jspecify.annotations.NullMarked;
