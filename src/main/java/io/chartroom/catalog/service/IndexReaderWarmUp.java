package io.chartroom.catalog.service;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads a small synthetic index a few times in the background after startup, at the lowest priority. The JVM
 * then compiles the YAML scanner before the first real sync, which otherwise runs it interpreted: about twice as
 * slow on a large index. Off with chartroom.catalog.warm-up=false.
 */
@Component
class IndexReaderWarmUp {

    private static final int ROUNDS = 12;
    private final CatalogSettings settings;

    IndexReaderWarmUp(CatalogSettings settings) {
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!settings.warmUp()) {
            return;
        }
        Thread thread = Thread.ofPlatform().name("index-warm-up").daemon().unstarted(() -> {
            byte[] index = syntheticIndex();
            for (int i = 0; i < ROUNDS; i++) {
                new IndexReader(settings.maxIndexSize().toBytes()).read(new ByteArrayInputStream(index), "warm-up", e -> { }, n -> { });
            }
        });
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** About 500 KB shaped like a public repository's index: block style, lists, maps, a block scalar. */
    static byte[] syntheticIndex() {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nentries:\n");
        for (int c = 0; c < 200; c++) {
            sb.append("  chart-").append(c).append(":\n");
            for (int v = 0; v < 10; v++) {
                sb.append("  - apiVersion: v2\n    name: chart-").append(c).append("\n    version: 1.").append(v).append(".0\n")
                        .append("    appVersion: \"2.").append(v).append("\"\n    description: a chart to warm up the reader\n")
                        .append("    created: \"2026-01-01T00:00:00Z\"\n    digest: ").append("0".repeat(64)).append('\n')
                        .append("    keywords:\n    - warm\n    - up\n    maintainers:\n    - name: nobody\n      email: n@example.com\n")
                        .append("    annotations:\n      images: |\n        - image: example/x:1\n")
                        .append("    urls:\n    - chart-").append(c).append("-1.").append(v).append(".0.tgz\n");
            }
        }
        return sb.append("generated: \"2026-01-01T00:00:00Z\"\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
