@NullMarked
package io.chartroom.gitops.domain;

import org.jspecify.annotations.NullMarked;
