package io.chartroom.catalog.service;

import io.chartroom.base.settings.DataDirectory;
import io.chartroom.catalog.domain.ChartArchive;
import io.chartroom.catalog.domain.ChartArchiveStore;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.ChartRepositoryStore;
import io.chartroom.catalog.domain.ChartStore;
import io.chartroom.catalog.domain.ChartSummary;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.catalog.domain.RepositoryType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * Chart archives, fetched when first needed: downloaded, checked against the index's digest, read
 * defensively, and cached by digest (the file under the data directory, what it holds in the database).
 */
@Service
public class ChartArchiveService {

    private final ChartArchiveStore archives;
    private final ChartStore charts;
    private final ChartRepositoryStore repositories;
    private final RepositoryHttpClient http;
    private final OciRegistryClient oci;
    private final CatalogSettings settings;
    private final DataDirectory dataDirectory;
    private final Clock clock;

    public ChartArchiveService(ChartArchiveStore archives, ChartStore charts, ChartRepositoryStore repositories,
                               RepositoryHttpClient http, OciRegistryClient oci, CatalogSettings settings,
                               DataDirectory dataDirectory, Clock clock) {
        this.archives = archives;
        this.charts = charts;
        this.repositories = repositories;
        this.http = http;
        this.oci = oci;
        this.settings = settings;
        this.dataDirectory = dataDirectory;
        this.clock = clock;
    }

    public SafeChartArchive.Limits limits() {
        return new SafeChartArchive.Limits(settings.maxFileSize().toBytes(), settings.maxUnpackedSize().toBytes(), settings.maxEntries());
    }

    /** What the version's archive holds, fetching it first if this is the first time anyone asks. */
    public ChartArchive archive(ChartVersion version) {
        if (version.digest() != null) {
            var known = archives.find(version.digest());
            if (known.isPresent() && Files.exists(file(version.digest()))) {
                if (known.get().readVersion() >= ChartArchive.CURRENT_READ) {
                    return known.get();
                }
                // read before requirements.yaml and locks were: once more, from the cached file
                ChartArchive again = read(file(version.digest()), version.digest(), known.get().sizeBytes());
                archives.save(again);
                return again;
            }
        }
        return fetch(version);
    }

    /** A chart unpacked for Helm, with its resolved dependencies in charts/; {@code key} names its exact content. */
    public record PreparedChart(Path directory, String key) {}

    /**
     * The version unpacked into a directory Helm can render, with each dependency that is not vendored placed
     * in its charts/ as the archive it was resolved to. Prepared once per content and reused.
     */
    public PreparedChart prepare(ChartVersion version, List<DependencyStatus> dependencies) {
        ChartArchive archive = archive(version);
        List<ChartVersion> resolved = new ArrayList<>();
        for (DependencyStatus d : dependencies) {
            if (d.state() == DependencyStatus.State.UNRESOLVED) {
                throw new RepositoryFetchException("the dependency " + d.name() + " cannot be resolved: " + d.message());
            }
            if (d.state() == DependencyStatus.State.RESOLVED) {
                resolved.add(charts.version(d.resolvedVersionId()).orElseThrow());
            }
        }
        StringBuilder content = new StringBuilder(archive.digest());
        List<Path> dependencyFiles = new ArrayList<>();
        for (ChartVersion dependency : resolved) {
            ChartArchive depArchive = archive(dependency);
            content.append('|').append(depArchive.digest());
            dependencyFiles.add(file(depArchive.digest()));
        }
        String key = IndexEntryReader.sha256(content.toString());
        Path target = dataDirectory.directory("charts/prepared").resolve(key);
        if (!Files.isDirectory(target)) {
            // assembled aside and moved into place whole, so that a concurrent render never sees half of it
            Path partial = target.resolveSibling(key + ".partial-" + System.nanoTime());
            try {
                SafeChartArchive.unpack(file(archive.digest()), partial, limits());
                for (Path dependency : dependencyFiles) {
                    Path charts = Files.createDirectories(partial.resolve("charts"));
                    Files.copy(dependency, charts.resolve(dependency.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                SafeChartArchive.deleteQuietly(partial);
                // another render prepared it meanwhile: the move then fails as "Directory not empty", a plain
                // FileSystemException on Linux, not always FileAlreadyExists or DirectoryNotEmpty
                if (!Files.isDirectory(target)) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new PreparedChart(target, key);
    }

    /** The verified archive file of the version, fetched if not cached. */
    public Path archiveFile(ChartVersion version) {
        return file(archive(version).digest());
    }

    private ChartArchive fetch(ChartVersion version) {
        ChartSummary chart = charts.find(version.chartId()).orElseThrow();
        ChartRepository repo = repositories.find(chart.repositoryId()).orElseThrow();
        Path tmp = tempFile();
        try {
            RepositoryHttpClient.Download download = repo.type() == RepositoryType.OCI
                    ? oci.download(repo, chart.name(), version.digest(), tmp, settings.maxArchiveSize().toBytes())
                    : http.download(repo, archiveUri(repo, version), tmp, settings.maxArchiveSize().toBytes(), null, null,
                            "the archive of " + chart.name() + " " + version.version(), (n, t) -> { });
            if (version.digest() != null && !version.digest().equalsIgnoreCase(download.sha256())) {
                throw new BadArchiveException("the archive of " + chart.name() + " " + version.version() + " has digest "
                        + download.sha256() + ", but the repository's index says " + version.digest() + ": refused");
            }
            ChartArchive archive = read(tmp, download.sha256(), download.size());
            Files.move(tmp, file(download.sha256()), StandardCopyOption.REPLACE_EXISTING);
            archives.save(archive);
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // temp file
            }
        }
    }

    static URI archiveUri(ChartRepository repo, ChartVersion version) {
        if (version.urls().isEmpty()) {
            throw new RepositoryFetchException(version.chart() + " " + version.version() + " has no download URL");
        }
        return URI.create(repo.baseUrl()).resolve(version.urls().getFirst());
    }

    /** Reads the parts of an archive the catalog shows; rejects the archive if any entry breaks the rules. */
    ChartArchive read(Path tgz, String digest, long size) {
        String[] chartYaml = {null};
        String[] values = {null};
        String[] schema = {null};
        String[] readme = {null};
        String[] requirements = {null};
        String[] lock = {null};
        TreeSet<String> vendored = new TreeSet<>();
        try (InputStream in = Files.newInputStream(tgz)) {
            SafeChartArchive.read(in, limits(), (path, content) -> {
                String text = new String(content, StandardCharsets.UTF_8);
                switch (path) {
                    case "Chart.yaml" -> chartYaml[0] = text;
                    case "values.yaml" -> values[0] = text;
                    case "values.schema.json" -> schema[0] = text;
                    case "requirements.yaml" -> requirements[0] = text;
                    case "Chart.lock", "requirements.lock" -> lock[0] = text;
                    default -> {
                        String lower = path.toLowerCase(Locale.ROOT);
                        if (readme[0] == null && (lower.equals("readme.md") || lower.equals("readme.txt") || lower.equals("readme"))) {
                            readme[0] = text;
                        }
                        String subchart = vendoredName(path);
                        if (subchart != null) {
                            vendored.add(subchart);
                        }
                    }
                }
            });
        } catch (IOException e) {
            throw new BadArchiveException("cannot read the archive: " + e.getMessage());
        }
        if (chartYaml[0] == null) {
            throw new BadArchiveException("the archive has no Chart.yaml");
        }
        return new ChartArchive(digest, size, chartYaml[0], values[0], schema[0], readme[0], new ArrayList<>(vendored), clock.instant(),
                requirements[0], lock[0], ChartArchive.CURRENT_READ);
    }

    /** charts/<name>/Chart.yaml or charts/<name>-<version>.tgz name a vendored subchart. */
    static String vendoredName(String path) {
        if (!path.startsWith("charts/")) {
            return null;
        }
        String rest = path.substring("charts/".length());
        int slash = rest.indexOf('/');
        if (slash > 0 && rest.substring(slash + 1).equals("Chart.yaml")) {
            return rest.substring(0, slash);
        }
        if (slash < 0 && rest.endsWith(".tgz")) {
            return rest.substring(0, rest.length() - 4).replaceFirst("-v?\\d+\\.\\d+\\.\\d+.*$", "");
        }
        return null;
    }

    Path file(String digest) {
        return dataDirectory.directory("charts/archives").resolve(digest + ".tgz");
    }

    private Path tempFile() {
        try {
            return Files.createTempFile(dataDirectory.directory("tmp"), "chart-", ".tgz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
