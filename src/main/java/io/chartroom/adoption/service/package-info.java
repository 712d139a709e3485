@NullMarked
package io.chartroom.adoption.service;

import org.jspecify.annotations.NullMarked;
