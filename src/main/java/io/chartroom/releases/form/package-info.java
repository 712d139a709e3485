@NullMarked
package io.chartroom.releases.form;

import org.jspecify.annotations.NullMarked;
