/** Text as the portal shows it to people: diffs. */
@NullMarked
package io.chartroom.base.text;

import org.jspecify.annotations.NullMarked;
