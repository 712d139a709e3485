package io.chartroom.gitops.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.base.settings.DataDirectory;
import io.chartroom.fixtures.Poll;
import io.chartroom.gitops.domain.CommitAuthor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * Issue 23, item 4: on disk, once commits have left many loose objects, Git's automatic gc packs them in the
 * background (merges read packs, not thousands of files), and leaves the refs loose, so that no ref update meets
 * a packing lock.
 */
class LooseObjectPackingTest {

    @TempDir Path tmp;

    @Test
    void manyLooseObjectsArePackedInTheBackgroundAndRefsStayLoose() throws Exception {
        try (GitOpsRepository gitops = new GitOpsRepository(new DataDirectory(tmp.resolve("data")),
                new GitOpsSettings(null, null, null, "Chartroom", "chartroom@localhost", DataSize.ofMegabytes(20), "disk"), Clock.systemUTC())) {
            // gc.auto is 6,700 loose objects: lowered here, so that a thousand files are many (it samples 1 of 256 directories)
            gitops.repository().getConfig().setInt("gc", null, "auto", 256);
            gitops.repository().getConfig().save();
            Map<String, String> files = new HashMap<>();
            for (int i = 0; i < 1_500; i++) {
                files.put("releases/r-" + (i / 10) + "/values/f-" + i + ".yaml", "n: " + i + "\n");
            }
            String main = gitops.main();
            String commit = gitops.commit(main, files, CommitAuthor.user("alice"), "many files");
            gitops.updateRef(GitOpsRepository.MAIN, main, commit);
            Path git = tmp.resolve("data").resolve("gitops").resolve("gitops.git");
            Poll.until(Duration.ofSeconds(60), () -> looseObjects(git), n -> n < 100);
            assertThat(packs(git)).as("packed").isPositive();
            assertThat(gitops.read(commit, "releases/r-0/values/f-7.yaml")).contains("n: 7\n");
            assertThat(Files.exists(git.resolve("packed-refs"))).as("refs are not packed").isFalse();
            String next = gitops.commit(commit, Map.of("after.yaml", "a: 1\n"), CommitAuthor.user("alice"), "after");
            gitops.updateRef(GitOpsRepository.MAIN, commit, next);
            assertThat(gitops.main()).isEqualTo(next);
        }
    }

    private static long looseObjects(Path git) {
        try (Stream<Path> walk = Files.walk(git.resolve("objects"))) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getParent().getFileName().toString().matches("[0-9a-f]{2}")).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return Long.MAX_VALUE; // gc deleting files meanwhile: look again
        }
    }

    private static long packs(Path git) throws java.io.IOException {
        try (Stream<Path> list = Files.list(git.resolve("objects").resolve("pack"))) {
            return list.filter(p -> p.toString().endsWith(".pack")).count();
        }
    }
}
