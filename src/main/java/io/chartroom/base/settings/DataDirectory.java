package io.chartroom.base.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one directory under which Chartroom keeps everything it stores on disk (embedded database, GitOps
 * repository, chart cache, render worker homes). Set with chartroom.data-dir / CHARTROOM_DATA_DIR. It is made
 * private to the portal's user (0700).
 */
@Component
public class DataDirectory {

    public static final String SETTING = "chartroom.data-dir (CHARTROOM_DATA_DIR)";

    private final Path root;

    public DataDirectory(@Value("${chartroom.data-dir:./data}") Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new InvalidSettingException(SETTING, "cannot create directory " + this.root + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(this.root)) {
            throw new InvalidSettingException(SETTING, "directory " + this.root + " is not writable");
        }
        try {
            // keys, the database password and the GitOps repository live here: nobody but the portal's user may look in
            Files.setPosixFilePermissions(this.root, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new InvalidSettingException(SETTING, "cannot make " + this.root + " private to its owner: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** A sub-directory of the data directory, created if missing. */
    public Path directory(String name) {
        Path dir = root.resolve(name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
