package io.chartroom.catalog.service;

import io.chartroom.base.database.DatabaseMode;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.ChartRepositoryStore;
import io.chartroom.catalog.domain.RepositoryAuth;
import io.chartroom.catalog.domain.RepositoryDraft;
import io.chartroom.catalog.domain.RepositoryType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The sample repository Chartroom bundles and serves itself (index.yaml and .tgz archives under
 * /samples/charts/), packaged from the chart sources on the classpath. Packaging is deterministic, so the
 * digests stay the same from one start to the next. On the embedded default it is registered on first start.
 */
@Component
public class SampleRepository {

    public static final String NAME = "chartroom-samples";
    static final String PATH = "/samples/charts/";
    private static final Logger log = LoggerFactory.getLogger(SampleRepository.class);
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    /** Every file in the archives gets this time, so that packaging is reproducible. */
    private static final long FILE_TIME = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    /** The packaged repository: index.yaml and the archives by file name. */
    public record Packaged(String indexYaml, String indexDigest, Map<String, byte[]> archives) {}

    private final ChartRepositoryStore repositories;
    private final RepositoryService repositoryService;
    private final CatalogSettings settings;
    private final DatabaseMode databaseMode;
    private final Environment environment;
    private volatile Packaged packaged;

    public SampleRepository(ChartRepositoryStore repositories, RepositoryService repositoryService, CatalogSettings settings,
                            DatabaseMode databaseMode, Environment environment) {
        this.repositories = repositories;
        this.repositoryService = repositoryService;
        this.settings = settings;
        this.databaseMode = databaseMode;
        this.environment = environment;
    }

    public Packaged packaged() {
        Packaged p = packaged;
        if (p == null) {
            synchronized (this) {
                if (packaged == null) {
                    packaged = pack();
                }
                p = packaged;
            }
        }
        return p;
    }

    public Optional<byte[]> archive(String fileName) {
        return Optional.ofNullable(packaged().archives().get(fileName));
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerOnFirstStart() {
        boolean enabled = settings.samples() != null ? settings.samples() : databaseMode.embedded();
        if (!enabled) {
            return;
        }
        String url = "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080") + PATH;
        Optional<ChartRepository> existing = repositories.findAll().stream().filter(ChartRepository::bundled).findFirst();
        if (existing.isPresent()) {
            if (!existing.get().url().equals(url)) {
                // the portal runs on another port than before
                RepositoryDraft draft = new RepositoryDraft(existing.get().name(), RepositoryType.HTTP, url, List.of(),
                        RepositoryAuth.NONE, null, null, null, false, existing.get().aliases(), existing.get().syncInterval());
                repositories.update(existing.get().id(), draft, null, true, Instant.now());
            }
            return;
        }
        repositoryService.registerBundled(new RepositoryDraft(NAME, RepositoryType.HTTP, url, List.of(), RepositoryAuth.NONE,
                null, null, null, false, List.of(), Duration.ofHours(1)));
        log.info("Registered the bundled sample repository {} at {}", NAME, url);
    }

    private Packaged pack() {
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
            Map<String, Map<String, byte[]>> sources = new TreeMap<>();
            for (Resource r : resolver.getResources("classpath*:samples/charts/**")) {
                String url = r.getURL().toString();
                int at = url.indexOf("samples/charts/");
                String relative = url.substring(at + "samples/charts/".length());
                if (!r.isReadable() || relative.endsWith("/") || !relative.contains("/")) {
                    continue;
                }
                String chart = relative.substring(0, relative.indexOf('/'));
                sources.computeIfAbsent(chart, c -> new TreeMap<>())
                        .put(relative.substring(chart.length() + 1), r.getContentAsByteArray());
            }
            JsonNode versions = YAML.readTree(resolver.getResource("classpath:samples/versions.yaml").getContentAsString(StandardCharsets.UTF_8));
            ObjectNode index = JsonNodeFactory.instance.objectNode();
            index.put("apiVersion", "v1");
            ObjectNode entries = index.putObject("entries");
            Map<String, byte[]> archives = new LinkedHashMap<>();
            String generated = "2026-01-01T00:00:00Z";
            for (var chart : sources.entrySet()) {
                ArrayNode list = entries.putArray(chart.getKey());
                for (JsonNode v : versions.path(chart.getKey())) {
                    String version = v.path("version").asString();
                    String appVersion = v.path("appVersion").asString();
                    Map<String, byte[]> files = new TreeMap<>(chart.getValue());
                    String chartYaml = new String(files.get("Chart.yaml"), StandardCharsets.UTF_8)
                            .replaceFirst("(?m)^version: .*$", "version: " + version)
                            .replaceFirst("(?m)^appVersion: .*$", "appVersion: \"" + appVersion + "\"");
                    files.put("Chart.yaml", chartYaml.getBytes(StandardCharsets.UTF_8));
                    byte[] tgz = tgz(chart.getKey(), files);
                    String fileName = chart.getKey() + "-" + version + ".tgz";
                    archives.put(fileName, tgz);
                    ObjectNode entry = (ObjectNode) YAML.readTree(chartYaml);
                    entry.put("created", v.path("created").asString());
                    entry.put("digest", HexFormat.of().formatHex(RepositoryHttpClient.sha256().digest(tgz)));
                    entry.putArray("urls").add(fileName);
                    list.insert(0, entry);
                    if (v.path("created").asString().compareTo(generated) > 0) {
                        generated = v.path("created").asString();
                    }
                }
            }
            index.put("generated", generated);
            String yaml = YAML.writeValueAsString(index);
            return new Packaged(yaml, HexFormat.of().formatHex(RepositoryHttpClient.sha256().digest(yaml.getBytes(StandardCharsets.UTF_8))), archives);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot package the sample charts", e);
        }
    }

    /** A reproducible .tgz of one chart: sorted entries, fixed times and owners, no gzip timestamp. */
    static byte[] tgz(String chart, Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GzipParameters gzip = new GzipParameters();
        gzip.setModificationTime(0);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes, gzip))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(chart + "/" + file.getKey());
                entry.setSize(file.getValue().length);
                entry.setMode(0644);
                entry.setModTime(FILE_TIME);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
