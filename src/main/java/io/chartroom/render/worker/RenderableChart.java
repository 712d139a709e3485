package io.chartroom.render.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A chart as Helm install would see it, for a worker that can only ask helm-java for `helm template`'s
 * manifest: that manifest leaves out the chart's crds/ files and every hook. So the worker
 * <ul>
 * <li>adds each crds/ file of the chart and of its subcharts, as Helm install applies them: not templated,
 * first, marked {@code # Source: <chart>/crds/<file>};</li>
 * <li>renders charts whose sources mention {@value #HOOK} from a copy in which that annotation (and its
 * -weight and -delete-policy siblings) is spelled {@value #REVEALED}, so that Helm's own engine renders the
 * hooks as ordinary documents; the portal reads them back as hooks. Nothing but Helm evaluates a template.</li>
 * </ul>
 * Copies are kept per chart directory (charts are immutable once prepared) and subchart archives are unpacked in
 * them, as Helm itself reads a chart's charts/.
 */
final class RenderableChart {

    static final String HOOK = "helm.sh/hook";
    static final String REVEALED = "chartroom.io/helm-hook";
    private static final int MAX_COPIES = 16;
    private static final Map<Path, RenderableChart> CHARTS = new LinkedHashMap<>(16, 0.75f, true);

    private final Path directory;
    private final boolean hooks;
    private final String crds;

    private RenderableChart(Path directory, boolean hooks, String crds) {
        this.directory = directory;
        this.hooks = hooks;
        this.crds = crds;
    }

    /** The chart to render for {@code chart}, made once per chart directory of this worker. */
    static synchronized RenderableChart of(Path chart, Path work) throws IOException {
        RenderableChart known = CHARTS.get(chart);
        if (known != null && Files.isDirectory(known.directory)) {
            return known;
        }
        Path copy = Files.createTempDirectory(work, "chart-").resolve(chart.getFileName());
        ChartCopies.copy(chart, copy);
        unpackSubcharts(copy.resolve("charts"));
        boolean hooks = mentions(copy, HOOK);
        if (hooks) {
            reveal(copy);
        }
        RenderableChart made = new RenderableChart(hooks ? copy : chart, hooks, crds(copy));
        if (!hooks) {
            ChartCopies.delete(copy.getParent());
        }
        CHARTS.put(chart, made);
        if (CHARTS.size() > MAX_COPIES) {
            var eldest = CHARTS.entrySet().iterator().next();
            if (!eldest.getValue().directory.equals(eldest.getKey())) {
                ChartCopies.delete(eldest.getValue().directory.getParent());
            }
            CHARTS.remove(eldest.getKey());
        }
        return made;
    }

    /** The directory Helm renders. */
    Path directory() {
        return directory;
    }

    /** The values as Helm must see them: hook annotations given through values are revealed too. */
    String values(String values) {
        return hooks && values != null ? values.replace(HOOK, REVEALED) : values;
    }

    /** The manifest of a release: the crds/ documents first, then what Helm rendered. */
    String manifest(String rendered) {
        return crds.isEmpty() ? rendered : crds + (rendered.isEmpty() || rendered.startsWith("---") ? "" : "---\n") + rendered;
    }

    /** crds/ of the chart and of every subchart, in path order: Helm applies them as they are. */
    private static String crds(Path chart) throws IOException {
        StringBuilder out = new StringBuilder();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(chart)) {
            walk.filter(Files::isRegularFile).filter(p -> {
                Path relative = chart.relativize(p);
                String name = p.getFileName().toString();
                // <chart>/crds/** or <chart>/charts/<sub>/crds/** (nested subcharts too), YAML only
                return relative.getNameCount() >= 2 && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))
                        && inCrdsDirectory(relative);
            }).sorted(Comparator.comparing(Path::toString)).forEach(files::add);
        }
        String root = chartName(chart);
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (String document : text.split("(?m)^---\\s*$")) {
                if (document.strip().isEmpty()) {
                    continue;
                }
                out.append("---\n# Source: ").append(root).append('/').append(chart.relativize(file)).append('\n')
                        .append(document.strip()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The chart's name, as Helm names its templates' sources ({@code <name>/templates/x.yaml}); the directory is
     * named by the prepared chart's content key, which means nothing to a reader.
     */
    static String chartName(Path chart) throws IOException {
        Path chartYaml = chart.resolve("Chart.yaml");
        try {
            if (Files.isRegularFile(chartYaml)
                    && new Load(LoadSettings.builder().build()).loadFromString(Files.readString(chartYaml)) instanceof Map<?, ?> meta
                    && meta.get("name") instanceof String name && !name.isBlank()) {
                return name;
            }
        } catch (RuntimeException unreadable) {
            // Helm itself says what is wrong with it when it renders
        }
        return chart.getFileName().toString();
    }

    /** crds/ directly under a chart: the chart's own, or charts/<sub>/crds/ at any depth. */
    private static boolean inCrdsDirectory(Path relative) {
        int crds = -1;
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().equals("crds")) {
                crds = i;
                break;
            }
        }
        if (crds < 0) {
            return false;
        }
        // everything before crds/ must be charts/<name>/ pairs
        for (int i = 0; i < crds; i += 2) {
            if (!relative.getName(i).toString().equals("charts") || i + 1 >= crds) {
                return false;
            }
        }
        return true;
    }

    private static boolean mentions(Path chart, String text) throws IOException {
        try (Stream<Path> walk = Files.walk(chart)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (Files.size(p) < 8 * 1024 * 1024 && Files.readString(p, StandardCharsets.ISO_8859_1).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every file of the copy that names the hook annotation names the revealed one instead. */
    private static void reveal(Path chart) throws IOException {
        try (Stream<Path> walk = Files.walk(chart)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                if (text.contains(HOOK)) {
                    Files.writeString(p, text.replace(HOOK, REVEALED), StandardCharsets.ISO_8859_1);
                }
            }
        }
    }

    /** charts/*.tgz unpacked in place (recursively), as Helm would load them. */
    private static void unpackSubcharts(Path charts) throws IOException {
        if (!Files.isDirectory(charts)) {
            return;
        }
        try (Stream<Path> list = Files.list(charts)) {
            for (Path archive : list.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList()) {
                try (InputStream in = Files.newInputStream(archive);
                     TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
                    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                        Path target = charts.resolve(entry.getName()).normalize();
                        if (!target.startsWith(charts) || !entry.isFile() && !entry.isDirectory()) {
                            throw new IOException("the subchart archive " + archive.getFileName() + " has an unsafe entry: " + entry.getName());
                        }
                        if (entry.isDirectory()) {
                            Files.createDirectories(target);
                        } else {
                            Files.createDirectories(target.getParent());
                            Files.copy(tar, target);
                        }
                    }
                }
                Files.delete(archive);
            }
        }
        try (Stream<Path> list = Files.list(charts)) {
            for (Path sub : list.filter(Files::isDirectory).toList()) {
                unpackSubcharts(sub.resolve("charts"));
            }
        }
    }


}
