@NullMarked
package io.chartroom.releases.service;

import org.jspecify.annotations.NullMarked;
