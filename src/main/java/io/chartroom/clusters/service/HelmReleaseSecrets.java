package io.chartroom.clusters.service;

import io.chartroom.clusters.domain.HelmRelease;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Helm 3's release Secrets (type {@code helm.sh/release.v1}, labels {@code owner=helm}, {@code name}, {@code status},
 * {@code version}): the data is Helm's own base64 of a gzipped JSON release inside the Secret's base64. Only the
 * revision each release runs now is read (superseded revisions are skipped by label), and a release is read to at most
 * {@link #MAX_RELEASE_BYTES} unpacked: the Secret is anyone's with write access to its namespace.
 */
final class HelmReleaseSecrets {

    static final int MAX_RELEASE_BYTES = 16 * 1024 * 1024;
    /** Helm's own Secrets stay under 1 MB (etcd's limit); a bigger one is not Helm's. */
    static final int MAX_SECRET_CHARS = 2 * 1024 * 1024;
    static final int MAX_LISTED = 2_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

    private HelmReleaseSecrets() {
    }

    /**
     * The releases on a cluster, one per namespace and name (its newest revision that is not superseded), by namespace
     * and name, as summaries: each Secret is unpacked, summarized and let go before the next, at most {@link #MAX_LISTED}.
     */
    static List<HelmRelease.Summary> list(KubernetesClient client) {
        List<Secret> secrets = client.secrets().inAnyNamespace().withLabel("owner", "helm").withLabelNotIn("status", "superseded", "uninstalled")
                .list().getItems();
        Map<String, Secret> newest = new LinkedHashMap<>();
        for (Secret secret : secrets) {
            if (!"helm.sh/release.v1".equals(secret.getType())) {
                continue;
            }
            String key = secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getLabels().getOrDefault("name", "");
            Secret held = newest.get(key);
            if (held == null || revision(secret) > revision(held)) {
                newest.put(key, secret);
            }
        }
        return newest.values().stream().limit(MAX_LISTED).map(HelmReleaseSecrets::read).flatMap(Optional::stream).map(HelmRelease::summary)
                .sorted(Comparator.comparing(HelmRelease.Summary::namespace).thenComparing(HelmRelease.Summary::name)).toList();
    }

    /** The newest revision of one release, if Helm keeps it on the cluster. */
    static Optional<HelmRelease> find(KubernetesClient client, String namespace, String name) {
        return client.secrets().inNamespace(namespace).withLabel("owner", "helm").withLabel("name", name)
                .withLabelNotIn("status", "superseded", "uninstalled").list().getItems().stream()
                .filter(s -> "helm.sh/release.v1".equals(s.getType()))
                .max(Comparator.comparingInt(HelmReleaseSecrets::revision)).flatMap(HelmReleaseSecrets::read);
    }

    private static int revision(Secret secret) {
        try {
            return Integer.parseInt(secret.getMetadata().getLabels().getOrDefault("version", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A release Secret's content; empty when it is not one Helm wrote (the list shows what it can read). */
    static Optional<HelmRelease> read(Secret secret) {
        String data = secret.getData() == null ? null : secret.getData().get("release");
        if (data == null || data.length() > MAX_SECRET_CHARS) {
            return Optional.empty();
        }
        try {
            JsonNode release = JSON.readTree(unpack(Base64.getDecoder().decode(Base64.getDecoder().decode(data.strip()))));
            JsonNode metadata = release.path("chart").path("metadata");
            Map<String, Object> values = release.path("config").isObject() ? JSON.convertValue(release.path("config"), LinkedHashMap.class)
                    : new LinkedHashMap<>();
            // the release names itself in its JSON: it must be the Secret's own name and namespace, or another namespace's
            // release could pass for this one
            String name = release.path("name").asString("");
            String namespace = release.path("namespace").asString(secret.getMetadata().getNamespace());
            if (!name.equals(secret.getMetadata().getLabels().get("name")) || !namespace.equals(secret.getMetadata().getNamespace())) {
                return Optional.empty();
            }
            return Optional.of(new HelmRelease(name, namespace,
                    release.path("version").asInt(revision(secret)), release.path("info").path("status").asString("unknown"),
                    metadata.path("name").asString(), metadata.path("version").asString(), metadata.path("appVersion").asString(null),
                    instant(release.path("info").path("last_deployed").asString(null)), values, release.path("manifest").asString("")));
        } catch (IllegalArgumentException | IOException | tools.jackson.core.JacksonException e) {
            return Optional.empty();
        }
    }

    /** Helm gzips the JSON (older releases may not be): unpacked to at most MAX_RELEASE_BYTES. */
    private static byte[] unpack(byte[] bytes) throws IOException {
        if (bytes.length < 2 || bytes[0] != GZIP_MAGIC[0] || bytes[1] != GZIP_MAGIC[1]) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            byte[] unpacked = in.readNBytes(MAX_RELEASE_BYTES + 1);
            if (unpacked.length > MAX_RELEASE_BYTES) {
                throw new IOException("a release over " + MAX_RELEASE_BYTES / 1024 / 1024 + " MB unpacked");
            }
            return unpacked;
        }
    }

    private static java.time.@org.jspecify.annotations.Nullable Instant instant(@org.jspecify.annotations.Nullable String text) {
        try {
            return text == null ? null : java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
