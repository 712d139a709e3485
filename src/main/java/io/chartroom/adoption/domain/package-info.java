/** Adopting what a team already runs: Helm releases found on clusters become Chartroom releases through a change request. */
@NullMarked
package io.chartroom.adoption.domain;

import org.jspecify.annotations.NullMarked;
