package io.chartroom.catalog.domain;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The parts of a version's index entry that are lists and maps. */
public record VersionMetadata(
        @Nullable String type,
        @Nullable String home,
        @Nullable String icon,
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

    public record Maintainer(@Nullable String name, @Nullable String email, @Nullable String url) {}

    /** A dependency as Chart.yaml declares it. */
    public record Dependency(@Nullable String name, @Nullable String version, @Nullable String repository, @Nullable String alias,
                             @Nullable String condition) {}
}
