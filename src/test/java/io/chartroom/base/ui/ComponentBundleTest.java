package io.chartroom.base.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The web components bundle is committed so that Maven never needs Node. frontend/build.mjs records a hash of
 * the sources it was built from; recomputing it here catches sources changed without rebuilding the bundle.
 */
class ComponentBundleTest {

    private static final Path FRONTEND = Path.of("frontend");
    private static final Path RECORDED_HASH =
            Path.of("src/main/resources/META-INF/resources/components/chartroom-components.sources.sha256");

    @Test
    void committedBundleIsBuiltFromTheCurrentSources() throws IOException, NoSuchAlgorithmException {
        String recorded = Files.readString(RECORDED_HASH, StandardCharsets.US_ASCII).trim();

        assertEquals(recorded, sourcesHash(), "chartroom-components.js is stale: frontend/src or "
                + "frontend/package-lock.json changed since the bundle was built. Rebuild it and commit the result: "
                + "cd frontend && npm ci && npm run build");
    }

    /** Same as build.mjs: SHA-256 over every file in frontend/src (relative paths by UTF-8 bytes), then the lock. */
    static String sourcesHash() throws IOException, NoSuchAlgorithmException {
        Path src = FRONTEND.resolve("src");
        List<String> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> src.relativize(p).toString().replace(File.separatorChar, '/'))
                    .sorted((a, b) -> Arrays.compareUnsigned(
                            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)))
                    .toList();
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (String file : files) {
            sha256.update(Files.readAllBytes(src.resolve(file)));
        }
        sha256.update(Files.readAllBytes(FRONTEND.resolve("package-lock.json")));
        return HexFormat.of().formatHex(sha256.digest());
    }
}
