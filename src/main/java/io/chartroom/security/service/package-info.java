@NullMarked
package io.chartroom.security.service;

import org.jspecify.annotations.NullMarked;
