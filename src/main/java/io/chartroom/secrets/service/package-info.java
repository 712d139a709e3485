@NullMarked
package io.chartroom.secrets.service;

import org.jspecify.annotations.NullMarked;
