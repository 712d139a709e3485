@NullMarked
package io.chartroom.environments.service;

import org.jspecify.annotations.NullMarked;
