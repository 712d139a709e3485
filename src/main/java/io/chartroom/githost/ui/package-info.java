@NullMarked
package io.chartroom.githost.ui;

import org.jspecify.annotations.NullMarked;
