package io.chartroom.catalog.service;

import io.chartroom.catalog.domain.ChartName;
import io.chartroom.catalog.domain.IndexEntry;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads a Helm repository index.yaml as a stream of YAML events: one version entry at a time is held as a
 * tree, never the whole index. Entries that are not usable (no version, no URL) are skipped with an error
 * naming them; a file that is not YAML fails with its line and column. {@link IndexScanner} finds the entries
 * (on a thread of its own), {@link IndexEntryReader} turns each into what the catalog stores.
 */
public final class IndexReader {

    /** What reading produced besides the entries. */
    public record Result(int entries, List<String> errors, int errorCount) {}

    private static final int MAX_ERRORS_KEPT = 50;
    /** Put on the queue after the last entry. */
    private static final Object END = new Object();

    private final IndexScanner scanner;

    public IndexReader(long maxBytes) {
        // SnakeYAML Engine refuses documents over 3 MiB by default; an index may be much larger, within our own limit
        this.scanner = new IndexScanner(LoadSettings.builder().setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes)).build());
    }

    /**
     * Reads an index, giving each usable entry to {@code sink} on the calling thread; {@code progress} hears
     * the count every 500 entries. The YAML is scanned on a second thread while this one converts and stores
     * entries, so that two cores work on a large index.
     */
    public Result read(InputStream in, String source, Consumer<IndexEntry> sink, Consumer<Integer> progress) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1024);
        Thread thread = Thread.ofPlatform().name("index-scanner").daemon().start(() -> {
            try {
                scanner.scan(in, source, queue);
                queue.put(END);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                try {
                    queue.put(e);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        int count = 0;
        int errorCount = 0;
        List<String> errors = new ArrayList<>();
        try {
            while (true) {
                Object item = queue.take();
                if (item == END) {
                    break;
                }
                if (item instanceof RuntimeException failure) {
                    throw failure;
                }
                if (item instanceof String error) {
                    errorCount++;
                    keep(errors, error);
                    continue;
                }
                IndexScanner.Scanned scanned = (IndexScanner.Scanned) item;
                try {
                    sink.accept(IndexEntryReader.entry(scanned.chart(), scanned.node()));
                    if (++count % 500 == 0) {
                        progress.accept(count);
                    }
                } catch (IllegalArgumentException bad) {
                    errorCount++;
                    keep(errors, source + " line " + scanned.line() + ", column " + scanned.column() + ": entries."
                            + ChartName.printable(scanned.chart()) + "[" + scanned.index() + "]: " + bad.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexFormatException(source + ": reading was interrupted");
        } finally {
            thread.interrupt();
        }
        progress.accept(count);
        return new Result(count, errors, errorCount);
    }

    private static void keep(List<String> errors, String error) {
        if (errors.size() < MAX_ERRORS_KEPT) {
            errors.add(error);
        }
    }
}
