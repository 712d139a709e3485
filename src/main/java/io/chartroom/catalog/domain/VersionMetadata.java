package io.chartroom.catalog.domain;

import java.util.List;
import java.util.Map;

/** The parts of a version's index entry that are lists and maps. */
public record VersionMetadata(
        String type,
        String home,
        String icon,
        List<String> keywords,
        List<String> sources,
        List<Maintainer> maintainers,
        List<Dependency> dependencies,
        Map<String, String> annotations) {

    public static final VersionMetadata EMPTY = new VersionMetadata(null, null, null, List.of(), List.of(), List.of(), List.of(), Map.of());

    public VersionMetadata {
        keywords = keywords == null ? List.of() : keywords;
        sources = sources == null ? List.of() : sources;
        maintainers = maintainers == null ? List.of() : maintainers;
        dependencies = dependencies == null ? List.of() : dependencies;
        annotations = annotations == null ? Map.of() : annotations;
    }

    public record Maintainer(String name, String email, String url) {}

    /** A dependency as Chart.yaml declares it. */
    public record Dependency(String name, String version, String repository, String alias, String condition) {}
}
