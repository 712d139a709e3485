@NullMarked
package io.chartroom.audit.service;

import org.jspecify.annotations.NullMarked;
