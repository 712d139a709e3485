@NullMarked
package io.chartroom.gitops.ui;

import org.jspecify.annotations.NullMarked;
