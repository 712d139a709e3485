package io.chartroom.adoption.service;

import io.chartroom.base.settings.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A directory under the data directory for one read or fetch of a team's repository, deleted with all it holds when closed. */
record ScratchDirectory(Path path) implements AutoCloseable {

    static ScratchDirectory under(DataDirectory data, String prefix) {
        try {
            return new ScratchDirectory(Files.createTempDirectory(data.directory("helmfile-imports"), prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover scratch directory under the data directory (a file gone while walked); nothing later needs it
        }
    }
}
