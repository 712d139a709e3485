package io.chartroom.adoption.helmfile;

import io.chartroom.adoption.helmfile.HelmfileProblem.Kind;
import io.chartroom.releases.values.ValuesTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a helmfile repository becomes in Chartroom (issue 20, item 3): one release per helmfile release name across
 * the environments it is installed in, its chart from the repository the helmfile names, a version per environment,
 * and its values split into what every environment shares (the release's values) and what each changes (its
 * environment layers). The Helm release name is kept as it is: objects are named after it, so a name that carries
 * the environment's ({@code api-production}, {@code api-staging}) stays a release per environment, or converting
 * would replace every object (a warning says so); releases made per cluster by {@code range} stay apart too. What
 * Chartroom cannot hold (two namespaces for one release, a chart inside the repository, a name it cannot take) is a
 * problem.
 */
public final class ReleaseMapping {

    /** A release as Chartroom would hold it; {@code sources}: the helmfile release it comes from in each environment. */
    public record Proposed(String name, String namespace, String chart, @Nullable String repository, @Nullable String repositoryUrl,
                           Map<String, String> versions, List<String> environments, Map<String, Object> values,
                           Map<String, Map<String, Object>> environmentValues, Map<String, String> sources, String file) {}

    public record Mapped(List<Proposed> releases, List<HelmfileProblem> problems) {}

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?");

    private ReleaseMapping() {
    }

    public static Mapped map(HelmfileRead read) {
        Map<String, List<HelmfileRead.Release>> groups = new TreeMap<>();
        for (HelmfileRead.Release release : read.releases()) {
            if (release.installed()) {
                groups.computeIfAbsent(release.file() + "|" + release.name(), k -> new ArrayList<>()).add(release);
            }
        }
        List<HelmfileProblem> problems = new ArrayList<>();
        Map<String, Proposed> byName = new LinkedHashMap<>();
        for (Map.Entry<String, List<HelmfileRead.Release>> group : groups.entrySet()) {
            List<HelmfileRead.Release> releases = group.getValue();
            HelmfileRead.Release first = releases.getFirst();
            String name = group.getKey().substring(group.getKey().indexOf('|') + 1);
            Proposed proposed = propose(name, releases, read.repositories(), problems);
            if (proposed == null) {
                continue;
            }
            Proposed clash = byName.putIfAbsent(name, proposed);
            if (clash != null) {
                problems.add(new HelmfileProblem(first.file(), 0, Kind.ERROR, "release " + name + " is also made by " + clash.file()
                        + ": one name, two releases"));
            }
        }
        perEnvironmentNames(byName.values(), problems);
        return new Mapped(List.copyOf(byName.values()), problems);
    }

    private static @Nullable Proposed propose(String name, List<HelmfileRead.Release> releases, Map<String, String> repositories,
                                              List<HelmfileProblem> problems) {
        HelmfileRead.Release first = releases.getFirst();
        String file = first.file();
        List<String> namespaces = releases.stream().map(HelmfileRead.Release::namespace).distinct().toList();
        List<String> charts = releases.stream().map(HelmfileRead.Release::chart).distinct().toList();
        int before = problems.size();
        if (!NAME.matcher(name).matches()) {
            problems.add(new HelmfileProblem(file, 0, Kind.ERROR, "release " + name + ": not a name Chartroom can take (lowercase letters, digits "
                    + "and '-', at most 53)"));
        }
        if (namespaces.size() > 1) {
            problems.add(new HelmfileProblem(file, 0, Kind.UNSUPPORTED, "release " + name + " is in a namespace per environment ("
                    + String.join(", ", namespaces) + "): a Chartroom release has one"));
        }
        if (charts.size() > 1) {
            problems.add(new HelmfileProblem(file, 0, Kind.UNSUPPORTED, "release " + name + " uses another chart per environment ("
                    + String.join(", ", charts) + ")"));
        }
        String chart = first.chart();
        String repository = null;
        String url = null;
        if (chart.startsWith("oci://")) {
            url = chart.substring(0, chart.lastIndexOf('/'));
            chart = chart.substring(chart.lastIndexOf('/') + 1);
        } else if (chart.startsWith(".") || chart.startsWith("/") || !chart.contains("/")) {
            problems.add(new HelmfileProblem(file, 0, Kind.UNSUPPORTED, "release " + name + ": the chart " + chart + " is a directory of the "
                    + "repository; Chartroom takes charts from chart repositories (publish it to one)"));
        } else {
            repository = chart.substring(0, chart.indexOf('/'));
            chart = chart.substring(chart.indexOf('/') + 1);
            url = repositories.get(repository);
            if (url == null) {
                problems.add(new HelmfileProblem(file, 0, Kind.ERROR, "release " + name + ": the repository " + repository
                        + " is not named under repositories:"));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        Map<String, Object> shared = shared(releases);
        Map<String, Map<String, Object>> layers = new TreeMap<>();
        Map<String, String> versions = new TreeMap<>();
        Map<String, String> sources = new TreeMap<>();
        for (HelmfileRead.Release release : releases) {
            layers.put(release.environment(), ValuesTree.minimalOverride(shared, release.values()));
            if (release.version() != null) {
                versions.put(release.environment(), release.version());
            }
            sources.put(release.environment(), release.name());
        }
        return new Proposed(name, first.namespace(), chart, repository, url, versions, releases.stream().map(HelmfileRead.Release::environment)
                .sorted().toList(), shared, layers, sources, file);
    }

    /** Says where one release is named per environment: kept apart, as one name would replace its objects. */
    private static void perEnvironmentNames(java.util.Collection<Proposed> releases, List<HelmfileProblem> problems) {
        Map<String, List<Proposed>> alike = new TreeMap<>();
        for (Proposed p : releases) {
            if (p.environments().size() == 1) {
                String environment = p.environments().getFirst();
                alike.computeIfAbsent(p.file() + "|" + withoutEnvironment(p.name(), environment), k -> new ArrayList<>()).add(p);
            }
        }
        alike.values().stream().filter(group -> group.size() > 1).forEach(group -> problems.add(new HelmfileProblem(group.getFirst().file(), 0,
                Kind.WARNING, "releases " + String.join(", ", group.stream().map(Proposed::name).toList()) + " are named per environment: "
                + "each stays a release of its own environment, as one name for all would replace every object they made")));
    }

    /** The values every environment gives alike: the release's own layer; the rest stays per environment. */
    private static Map<String, Object> shared(List<HelmfileRead.Release> releases) {
        Map<String, Object> shared = new LinkedHashMap<>();
        Map<String, Object> first = releases.getFirst().values();
        for (List<Object> path : ValuesTree.leafPaths(first)) {
            Object value = ValuesTree.get(first, path);
            if (releases.stream().allMatch(r -> ValuesTree.has(r.values(), path) && ValuesTree.equal(ValuesTree.get(r.values(), path), value))) {
                ValuesTree.set(shared, path, ValuesTree.deepCopy(value));
            }
        }
        return shared;
    }

    /** {@code api-production} in production is {@code api}: what the name says without the environment's; else itself. */
    static String withoutEnvironment(String name, String environment) {
        if (!name.contains(environment) || name.equals(environment)) {
            return name;
        }
        String stripped = name.replace(environment, "").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        return stripped.isEmpty() ? name : stripped;
    }
}
