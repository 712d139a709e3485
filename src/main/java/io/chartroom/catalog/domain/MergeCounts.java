package io.chartroom.catalog.domain;

import java.util.ArrayList;
import java.util.List;

/** What a sync changed in the catalog. */
public record MergeCounts(int chartsAdded, int chartsRemoved, int versionsAdded, int versionsUpdated, int versionsRemoved) {

    public static final MergeCounts NONE = new MergeCounts(0, 0, 0, 0, 0);

    public String describe() {
        List<String> parts = new ArrayList<>();
        if (chartsAdded > 0) parts.add("+" + chartsAdded + " charts");
        if (chartsRemoved > 0) parts.add("-" + chartsRemoved + " charts");
        if (versionsAdded > 0) parts.add("+" + versionsAdded + " versions");
        if (versionsUpdated > 0) parts.add(versionsUpdated + " versions updated");
        if (versionsRemoved > 0) parts.add("-" + versionsRemoved + " versions");
        return parts.isEmpty() ? "no changes" : String.join(", ", parts);
    }
}
