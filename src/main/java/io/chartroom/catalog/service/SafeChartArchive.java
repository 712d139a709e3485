package io.chartroom.catalog.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a chart archive (.tgz) without trusting it: every entry must be a plain file or directory inside the
 * one top-level chart directory (no absolute paths, no "..", no links or devices), each file and the whole
 * archive stay within size limits, and the number of entries is bounded. Anything else rejects the whole
 * archive with a message that says why, before any of it is used.
 */
public final class SafeChartArchive {

    /** The limits an archive must stay within. */
    public record Limits(long maxFileBytes, long maxTotalBytes, int maxEntries) {}

    /** Receives each file: its path inside the chart directory (e.g. "templates/deployment.yaml") and content. */
    @FunctionalInterface
    public interface FileConsumer {
        void accept(String path, byte[] content) throws IOException;
    }

    private SafeChartArchive() {}

    /**
     * Reads every file of the archive and returns the chart directory's name. The consumer sees files only
     * after the archive's structure checks for that entry passed; callers that write files must treat a
     * thrown {@link BadArchiveException} as "discard everything".
     */
    public static String read(InputStream tgz, Limits limits, FileConsumer consumer) {
        String root = null;
        long total = 0;
        int entries = 0;
        Set<String> seen = new HashSet<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(tgz))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw new BadArchiveException("the archive has more than " + limits.maxEntries() + " entries");
                }
                String name = entry.getName();
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new BadArchiveException("the archive contains a link: " + name + " -> " + entry.getLinkName());
                }
                if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                    throw new BadArchiveException("the archive contains a device or pipe: " + name);
                }
                if (entry.isGlobalPaxHeader() || entry.isPaxHeader()) {
                    continue;
                }
                String path = checkedPath(name);
                int slash = path.indexOf('/');
                String top = slash < 0 ? path : path.substring(0, slash);
                if (root == null) {
                    root = top;
                } else if (!root.equals(top)) {
                    throw new BadArchiveException("the archive has more than one top-level directory: " + root + " and " + top);
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (!entry.isFile()) {
                    throw new BadArchiveException("the archive contains an entry that is not a file: " + name);
                }
                if (slash < 0) {
                    throw new BadArchiveException("the archive has a file outside the chart directory: " + name);
                }
                if (entry.getSize() > limits.maxFileBytes()) {
                    throw new BadArchiveException(name + " is " + RepositoryHttpClient.megabytes(entry.getSize())
                            + ", more than the limit of " + RepositoryHttpClient.megabytes(limits.maxFileBytes()) + " per file");
                }
                String relative = path.substring(slash + 1);
                if (!seen.add(relative)) {
                    throw new BadArchiveException("the archive contains " + path + " twice"
                            + (name.replaceAll("/$", "").equals(path) ? "" : " (once as " + name + ")"));
                }
                byte[] content = readBounded(tar, limits.maxFileBytes(), name);
                total += content.length;
                if (total > limits.maxTotalBytes()) {
                    throw new BadArchiveException("the archive unpacks to more than " + RepositoryHttpClient.megabytes(limits.maxTotalBytes()));
                }
                consumer.accept(relative, content);
            }
        } catch (IOException e) {
            throw new BadArchiveException("not a readable .tgz archive: " + e.getMessage());
        }
        if (root == null) {
            throw new BadArchiveException("the archive is empty");
        }
        return root;
    }

    /**
     * Unpacks the chart's files, without the archive's top-level directory, into {@code target} (which must not
     * exist); on any problem nothing is left behind. Returns the name of the top-level directory.
     */
    public static String unpack(Path tgz, Path target, Limits limits) {
        Path staging = target.resolveSibling(target.getFileName() + ".partial-" + System.nanoTime());
        try (InputStream in = Files.newInputStream(tgz)) {
            Files.createDirectories(staging);
            String root = read(in, limits, (path, content) -> {
                Path file = staging.resolve(path).normalize();
                if (!file.startsWith(staging)) {
                    throw new BadArchiveException("the archive escapes its directory: " + path);
                }
                Files.createDirectories(file.getParent());
                Files.write(file, content);
            });
            Files.move(staging, target);
            return root;
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new UncheckedIOException("cannot unpack " + tgz.getFileName() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(staging);
            throw e;
        }
    }

    /**
     * The entry's path, normalized ("." and empty segments dropped, so that chart/./values.yaml and
     * chart//values.yaml are chart/values.yaml and collide with it), refusing absolute paths and any "..".
     */
    static String checkedPath(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw new BadArchiveException("the archive contains an absolute path: " + name);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.replace('\\', '/').split("/")) {
            if (segment.equals("..")) {
                throw new BadArchiveException("the archive contains a path that leaves the chart directory: " + name);
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty()) {
            throw new BadArchiveException("the archive contains an entry without a name: " + name);
        }
        return String.join("/", segments);
    }

    private static byte[] readBounded(InputStream in, long max, String name) throws IOException {
        byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (content.length > max) {
            throw new BadArchiveException(name + " is larger than the limit of " + RepositoryHttpClient.megabytes(max) + " per file");
        }
        return content;
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
