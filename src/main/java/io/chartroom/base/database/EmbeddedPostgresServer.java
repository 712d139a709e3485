package io.chartroom.base.database;

import io.chartroom.base.crypto.KeyFile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL server per data directory and JVM, shared by reference count: the portal has one
 * Spring context, but a test JVM has several and must still run only one server. It does not trust loopback
 * connections: every connection needs a password generated on first start into {@code <dir>.password}
 * (owner-only), and its binaries are unpacked into {@code <dir>-binaries} (owner-only), not a shared temp
 * directory that any local user could write. The portal connects as {@link EmbeddedPortalRole} (password in
 * {@code <dir>.portal-password}), which owns its database but is no superuser; postgres only creates databases.
 */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new HashMap<>();

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;
    private final EmbeddedPostgres postgres;
    private final String password;
    private final String portalPassword;
    private int references;

    private EmbeddedPostgresServer(Path directory, EmbeddedPostgres postgres, String password, String portalPassword) {
        this.directory = directory;
        this.postgres = postgres;
        this.password = password;
        this.portalPassword = portalPassword;
    }

    /** Starts the server for this directory, or joins the one already running in this JVM. */
    public static synchronized EmbeddedPostgresServer acquire(Path directory, boolean clean) {
        Path dir = directory.toAbsolutePath().normalize();
        EmbeddedPostgresServer server = RUNNING.get(dir);
        if (server == null) {
            long start = System.nanoTime();
            try {
                if (clean) {
                    // a JVM killed mid-run leaves a half-initialised directory behind that initdb refuses
                    org.springframework.util.FileSystemUtils.deleteRecursively(dir);
                }
                Path passwordFile = dir.resolveSibling(dir.getFileName() + ".password");
                String password = password(passwordFile);
                Path pwfile = pwfile(dir, password);
                Path binaries = ownerOnlyDirectory(dir.resolveSibling(dir.getFileName() + "-binaries"));
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(dir.toFile())
                        .setCleanDataDirectory(clean)
                        .setOverrideWorkingDirectory(binaries.toFile())
                        // a new cluster never trusts a connection, not even while it starts for the first time
                        .setLocaleConfig("auth", "scram-sha-256")
                        .setLocaleConfig("pwfile", pwfile.toString())
                        .setConnectConfig("password", password);
                if (!clean) {
                    // the portal's data: committed means on disk (the library turns both off for throwaway test servers)
                    builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
                }
                EmbeddedPostgres pg;
                try {
                    pg = builder.start();
                } finally {
                    Files.deleteIfExists(pwfile); // only initdb reads it
                }
                requirePasswords(pg, dir, password);
                restrict(binaries); // the library makes what it unpacks writable for everyone
                String portalPassword = password(dir.resolveSibling(dir.getFileName() + ".portal-password"));
                try (Connection c = pg.getPostgresDatabase().getConnection()) {
                    EmbeddedPortalRole.ensure(c, portalPassword);
                }
                server = new EmbeddedPostgresServer(dir, pg, password, portalPassword);
            } catch (SQLException e) {
                throw new IllegalStateException("embedded PostgreSQL in " + dir + ": cannot set up the portal's role: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start in " + dir + ": " + e.getMessage(), e);
            }
            log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)",
                    server.postgres.getPort(), dir, (System.nanoTime() - start) / 1_000_000);
            RUNNING.put(dir, server);
        }
        server.references++;
        return server;
    }

    /** The password of the server's superuser (postgres), which only the server's own setup uses. */
    public String password() {
        return password;
    }

    /** The role the portal connects as: it owns the portal's database, and is no superuser. */
    public String portalRole() {
        return EmbeddedPortalRole.NAME;
    }

    public String portalPassword() {
        return portalPassword;
    }

    /**
     * A server whose pg_hba.conf still trusts connections (initdb's default, or a data directory from before this
     * check) gets the password set and scram-sha-256 required for every connection, then reloads.
     */
    private static void requirePasswords(EmbeddedPostgres pg, Path dir, String password) throws IOException {
        Path hba = dir.resolve("pg_hba.conf");
        boolean trusting = Files.readAllLines(hba).stream().map(String::strip)
                .anyMatch(line -> !line.startsWith("#") && line.matches(".*\\btrust\\b.*"));
        if (!trusting) {
            return;
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("alter role postgres password '" + password.replace("'", "''") + "'");
            Files.writeString(hba, """
                    # Written by Chartroom: every connection needs the generated password (see the .password file beside
                    # this data directory); no loopback connection is trusted.
                    local   all   all                  scram-sha-256
                    host    all   all   127.0.0.1/32   scram-sha-256
                    host    all   all   ::1/128        scram-sha-256
                    """);
            s.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("cannot require passwords on the embedded PostgreSQL: " + e.getMessage(), e);
        }
        log.info("Embedded PostgreSQL in {} now requires its generated password for every connection", dir);
    }

    /** initdb reads the password from a file: the clear one, owner-only, next to the data directory. */
    private static Path pwfile(Path dir, String password) throws IOException {
        Path file = dir.resolveSibling(dir.getFileName() + ".pwfile");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        Files.writeString(file, password + "\n");
        return file;
    }

    /** The generated password, created once (owner-only file, written whole). */
    private static String password(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(KeyFile.readOrCreate(file, () -> { }));
    }

    /** Nobody but the owner may write anything under the directory; the directory itself is owner-only. */
    private static void restrict(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(p));
                permissions.removeAll(Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
                Files.setPosixFilePermissions(p, permissions);
            }
        }
        Files.setPosixFilePermissions(dir, OWNER_ONLY);
    }

    private static Path ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, OWNER_ONLY);
        return dir;
    }

    /** Gives up one reference; the last one stops the server. */
    public void release() {
        synchronized (EmbeddedPostgresServer.class) {
            if (--references > 0) {
                return;
            }
            RUNNING.remove(directory);
        }
        try {
            postgres.close();
            log.info("Embedded PostgreSQL in {} stopped", directory);
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL in {} did not stop cleanly: {}", directory, e.getMessage());
        }
    }

    /**
     * The JDBC URL (as the portal's role) of a database on this server, created first if it does not exist; an
     * existing one that postgres still owns (a data directory from before the portal's role) is handed to the role.
     */
    public String createDatabaseIfMissing(String database) {
        String quoted = "\"" + database.replace("\"", "\"\"") + "\"";
        try (Connection c = postgres.getPostgresDatabase(Map.of("password", password)).getConnection();
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            boolean created = false;
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("create database " + quoted + " owner " + EmbeddedPortalRole.NAME);
                        created = true;
                    }
                }
            }
            if (!created) {
                try (Connection inDatabase = postgres.getDatabase("postgres", database, Map.of("password", password)).getConnection()) {
                    EmbeddedPortalRole.takeOver(inDatabase, database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on the embedded server: " + e.getMessage(), e);
        }
        return postgres.getJdbcUrl(EmbeddedPortalRole.NAME, database);
    }
}
