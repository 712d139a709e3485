package io.chartroom.base.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A key generated once into a file of the data directory (base64, owner-only from the moment it exists), for
 * installations that do not configure one: the credentials key, the audit chain key.
 */
public final class KeyFile {

    private KeyFile() {}

    /** The key in the file, or 32 new random bytes written to it; {@code created} is told when it was made now. */
    public static byte[] readOrCreate(Path file, Runnable created) {
        try {
            if (!Files.exists(file)) {
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                // written aside and moved into place whole: a crash never leaves an empty key behind
                Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(temp, Base64.getEncoder().encodeToString(raw) + "\n");
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                    created.run();
                    return raw;
                } catch (FileAlreadyExistsException another) {
                    // another instance on the same data directory made it first: read theirs
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key " + file, e);
        }
    }
}
