package io.chartroom.base.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

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
        makePrivate(this.root);
    }

    /**
     * Keys, the database password and the GitOps repository live here: nobody but the portal's user may look in.
     * A directory the portal does not own (a Kubernetes volume mounted for an fsGroup) cannot be changed by it;
     * then its mode is the platform's to set, and a warning says so.
     */
    private static void makePrivate(Path root) {
        try {
            if (Files.getOwner(root).getName().equals(System.getProperty("user.name"))) {
                Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
                return;
            }
            log.warn("The data directory {} belongs to {}, not to the portal's user {}: its permissions ({}) are left as they are; "
                    + "only the portal's user and group should be able to read it", root, Files.getOwner(root).getName(),
                    System.getProperty("user.name"), PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("Cannot make the data directory {} private to its owner: {}", root, e.getMessage());
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
