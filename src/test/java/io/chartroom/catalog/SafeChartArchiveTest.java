package io.chartroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.catalog.service.BadArchiveException;
import io.chartroom.catalog.service.SafeChartArchive;
import io.chartroom.fixtures.TestCharts;
import io.chartroom.fixtures.TestCharts.Entry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeChartArchiveTest {

    static final SafeChartArchive.Limits LIMITS = new SafeChartArchive.Limits(1024 * 1024, 4 * 1024 * 1024, 100);

    @TempDir Path tmp;

    @Test
    void readsAWellFormedChart() {
        List<String> seen = new ArrayList<>();
        String root = SafeChartArchive.read(new ByteArrayInputStream(TestCharts.chart("demo", "1.0.0", "# Demo")), LIMITS,
                (path, content) -> seen.add(path));
        assertThat(root).isEqualTo("demo");
        assertThat(seen).containsExactly("Chart.yaml", "values.yaml", "README.md", "templates/cm.yaml");
    }

    @Test
    void refusesPathsThatLeaveTheChartDirectory() {
        assertRefused(List.of(Entry.file("demo/Chart.yaml", "name: demo"), Entry.file("demo/../../etc/cron.d/evil", "x")),
                "leaves the chart directory");
        assertRefused(List.of(Entry.file("../evil", "x")), "leaves the chart directory");
    }

    @Test
    void refusesAbsolutePaths() {
        assertRefused(List.of(Entry.file("/etc/passwd", "root")), "absolute path");
    }

    @Test
    void refusesSymbolicAndHardLinks() {
        assertRefused(List.of(Entry.file("demo/Chart.yaml", "name: demo"), Entry.symlink("demo/values.yaml", "/etc/shadow")),
                "contains a link: demo/values.yaml -> /etc/shadow");
        assertRefused(List.of(Entry.file("demo/Chart.yaml", "name: demo"), Entry.hardlink("demo/values.yaml", "demo/Chart.yaml")),
                "contains a link");
    }

    @Test
    void refusesAHugeFileAndTooManyEntriesAndSeveralRoots() {
        assertRefused(List.of(Entry.file("demo/big.bin", new byte[2 * 1024 * 1024])), "per file");
        assertRefused(IntStream.range(0, 101).mapToObj(i -> Entry.file("demo/f" + i, "x")).toList(), "more than 100 entries");
        assertRefused(List.of(Entry.file("demo/Chart.yaml", "x"), Entry.file("other/Chart.yaml", "y")), "more than one top-level");
    }

    @Test
    void refusesWhatUnpacksToMoreThanTheTotalLimit() {
        List<Entry> entries = IntStream.range(0, 5).mapToObj(i -> Entry.file("demo/part" + i, new byte[900 * 1024])).toList();
        assertRefused(entries, "unpacks to more than 4 MB");
    }

    @Test
    void refusesWhatIsNotAnArchive() {
        assertThatThrownBy(() -> SafeChartArchive.read(new ByteArrayInputStream("not gzip".getBytes()), LIMITS, (p, c) -> { }))
                .isInstanceOf(BadArchiveException.class).hasMessageContaining("not a readable .tgz");
    }

    @Test
    void aRefusedUnpackLeavesNothingBehind() throws Exception {
        Path tgz = tmp.resolve("evil.tgz");
        Files.write(tgz, TestCharts.tgz(List.of(Entry.file("demo/Chart.yaml", "name: demo"), Entry.symlink("demo/x", "/etc"))));
        Path target = tmp.resolve("unpacked");
        assertThatThrownBy(() -> SafeChartArchive.unpack(tgz, target, LIMITS)).isInstanceOf(BadArchiveException.class);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("evil.tgz");
        }
    }

    private static void assertRefused(List<Entry> entries, String reason) {
        List<String> consumed = new ArrayList<>();
        assertThatThrownBy(() -> SafeChartArchive.read(new ByteArrayInputStream(TestCharts.tgz(entries)), LIMITS,
                (path, content) -> consumed.add(path)))
                .isInstanceOf(BadArchiveException.class)
                .hasMessageContaining(reason);
        assertThat(consumed).as("nothing past the bad entry was handed out").hasSizeLessThan(entries.size());
    }
}
