package io.chartroom.githost.service;

import java.util.List;

/**
 * What a connection test found: each thing Chartroom needs from the host, seen or missing, in words an admin can act
 * on. Usable when nothing is missing; warnings (branch protection not visible, say) do not stop it.
 */
public record ConnectionReport(List<Finding> findings) {

    public enum Level { OK, WARNING, MISSING }

    public record Finding(Level level, String text) {}

    @com.fasterxml.jackson.annotation.JsonProperty("usable")
    public boolean usable() {
        return findings.stream().noneMatch(f -> f.level() == Level.MISSING);
    }
}
