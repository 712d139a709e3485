@NullMarked
package io.chartroom.catalog.web;

import org.jspecify.annotations.NullMarked;
