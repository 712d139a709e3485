package io.chartroom.audit.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;

/** The checkpoint in a file of this replica's data directory, replaced atomically (a temporary file moved over it). */
record FileCheckpointStore(Path file) implements CheckpointStore {

    @Override
    public @Nullable String read() throws IOException {
        return Files.exists(file) ? Files.readString(file) : null;
    }

    /** Only this replica writes the file: {@code expected} is not compared. */
    @Override
    public boolean write(@Nullable String expected, String text) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), "audit.checkpoint", ".tmp");
        try {
            Files.writeString(temp, text);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public String where() {
        return file.toString();
    }

    @Override
    public boolean shared() {
        return false;
    }
}
