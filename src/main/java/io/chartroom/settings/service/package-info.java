@NullMarked
package io.chartroom.settings.service;

import org.jspecify.annotations.NullMarked;
