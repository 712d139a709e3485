package io.chartroom.changes.service;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.gitops.domain.ReleaseDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a release's chart versions move, as pure functions of its description: an upgrade of one environment or of
 * the base, a promotion from one environment to the next (with chosen values). Who may, and what the new version
 * breaks, is for the services that call these.
 */
final class VersionMoves {

    private VersionMoves() {}

    /** {@code environment} (null or blank: the base, for every environment without a version of its own) moved to {@code version}. */
    static ReleaseDescription upgraded(ReleaseDescription release, @Nullable String environment, String version) {
        if (version == null || version.isBlank()) {
            throw InvalidInputException.of("version", "name the chart version to upgrade to");
        }
        if (environment == null || environment.isBlank()) {
            ReleaseDescription rebased = new ReleaseDescription(release.name(), release.namespace(), release.team(),
                    release.chart().withVersion(version), release.environments(), release.baseValues(), release.environmentValues(),
                    release.chartVersions());
            return normalized(rebased, versionsOf(rebased));
        }
        indexOf(release, environment, "environment");
        Map<String, String> versions = versionsOf(release);
        versions.put(environment, version);
        ReleaseDescription after = normalized(release, versions);
        if (after.equals(release)) {
            throw InvalidInputException.of("version", environment + " already runs " + release.chart().chart() + " " + version);
        }
        return after;
    }

    /**
     * {@code to} given {@code from}'s version and the values at {@code valuesPaths}. {@code to} must come after
     * {@code from}; whether it may skip environments in between is {@code mayPass}'s to say (it throws if not).
     */
    static ReleaseDescription promoted(ReleaseDescription release, String from, String to, List<String> valuesPaths, Runnable mayPass) {
        List<String> order = release.environments();
        int fromIndex = indexOf(release, from, "from");
        int toIndex = indexOf(release, to, "to");
        if (toIndex <= fromIndex) {
            throw InvalidInputException.of("to", "a promotion goes forward: " + to + " comes before " + from + " in " + String.join(" -> ", order));
        }
        if (toIndex > fromIndex + 1) {
            mayPass.run();
        }
        Map<String, String> versions = versionsOf(release);
        versions.put(to, release.versionFor(from));
        return withValues(normalized(release, versions), from, to, valuesPaths);
    }

    /** The environments a promotion from {@code from} to {@code to} passes over (empty when {@code to} is next). */
    static List<String> passed(ReleaseDescription release, String from, String to) {
        int fromIndex = release.environments().indexOf(from);
        int toIndex = release.environments().indexOf(to);
        return fromIndex < 0 || toIndex <= fromIndex + 1 ? List.of() : release.environments().subList(fromIndex + 1, toIndex);
    }

    /** Every environment's version; when they all agree, that version becomes the base's and none keeps its own. */
    private static ReleaseDescription normalized(ReleaseDescription release, Map<String, String> versions) {
        if (versions.values().stream().distinct().count() == 1) {
            String only = versions.values().iterator().next();
            return new ReleaseDescription(release.name(), release.namespace(), release.team(), release.chart().withVersion(only),
                    release.environments(), release.baseValues(), release.environmentValues(), Map.of());
        }
        return release.withChartVersions(versions);
    }

    private static Map<String, String> versionsOf(ReleaseDescription release) {
        Map<String, String> versions = new LinkedHashMap<>();
        release.environments().forEach(env -> versions.put(env, release.versionFor(env)));
        return versions;
    }

    private static ReleaseDescription withValues(ReleaseDescription release, String from, String to, List<String> valuesPaths) {
        if (valuesPaths == null || valuesPaths.isEmpty()) {
            return release;
        }
        PromotedValues promoted = PromotedValues.copy(release, from, to, valuesPaths);
        Map<String, String> environmentValues = new LinkedHashMap<>(release.environmentValues());
        environmentValues.put(to, promoted.yaml());
        return new ReleaseDescription(release.name(), release.namespace(), release.team(), release.chart(), release.environments(),
                release.baseValues(), environmentValues, release.chartVersions());
    }

    private static int indexOf(ReleaseDescription release, String environment, String field) {
        int index = release.environments().indexOf(environment);
        if (index < 0) {
            throw InvalidInputException.of(field, release.name() + " does not run in " + environment + " (it runs in "
                    + String.join(", ", release.environments()) + ")");
        }
        return index;
    }
}
