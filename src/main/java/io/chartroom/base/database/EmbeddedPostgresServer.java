package io.chartroom.base.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL server per data directory and JVM, shared by reference count: the portal has one
 * Spring context, but a test JVM has several and must still run only one server.
 */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new HashMap<>();

    private final Path directory;
    private final EmbeddedPostgres postgres;
    private int references;

    private EmbeddedPostgresServer(Path directory, EmbeddedPostgres postgres) {
        this.directory = directory;
        this.postgres = postgres;
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
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dir.toFile())
                        .setCleanDataDirectory(clean)
                        .start();
                server = new EmbeddedPostgresServer(dir, pg);
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

    /** The JDBC URL of a database on this server, created first if it does not exist. */
    public String createDatabaseIfMissing(String database) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("create database \"" + database.replace("\"", "") + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on the embedded server: " + e.getMessage(), e);
        }
        return postgres.getJdbcUrl("postgres", database);
    }
}
