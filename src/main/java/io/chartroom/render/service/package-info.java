@NullMarked
package io.chartroom.render.service;

import org.jspecify.annotations.NullMarked;
