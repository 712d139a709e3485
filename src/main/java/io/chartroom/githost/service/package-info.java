@NullMarked
package io.chartroom.githost.service;

import org.jspecify.annotations.NullMarked;
