package io.chartroom.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.chartroom.fixtures.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import io.chartroom.base.database.EmbeddedPostgresServer;
import io.chartroom.base.settings.DataDirectory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The embedded PostgreSQL trusts no local connection: without the generated password nobody on the machine
 * gets in, and its binaries and password live in owner-only places. The portal connects as a role that owns its
 * database but is no superuser: SQL run as the portal reads and writes no file of the server (the audit key lives
 * beside the database's files), and a database from before that role is handed over to it, Flyway included.
 */
@IntegrationTest
class EmbeddedDatabaseAccessTest {

    static final Path POSTGRES = Path.of("target/test-postgres");

    @Autowired HikariDataSource dataSource;
    @Autowired DataDirectory data;

    @Test
    void aLocalConnectionWithoutThePasswordIsRefused() throws Exception {
        String url = dataSource.getJdbcUrl();
        Properties noPassword = new Properties();
        noPassword.setProperty("user", "postgres");
        assertThatThrownBy(() -> DriverManager.getConnection(url, noPassword).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
        Properties wrong = new Properties();
        wrong.setProperty("user", "postgres");
        wrong.setProperty("password", "postgres");
        assertThatThrownBy(() -> DriverManager.getConnection(url, wrong).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        try (var c = dataSource.getConnection()) {
            assertThat(c.isValid(2)).isTrue();
        }

        Properties portalWithoutPassword = new Properties();
        portalWithoutPassword.setProperty("user", "chartroom");
        assertThatThrownBy(() -> DriverManager.getConnection(url, portalWithoutPassword).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password");

        Path postgres = POSTGRES;
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("target/test-postgres-binaries"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("target/test-postgres.password"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("target/test-postgres.portal-password"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(postgres.resolve("pg_hba.conf"))).contains("scram-sha-256").doesNotContainPattern("(?m)^[^#]*\\btrust\\b")
                .as("initdb itself required passwords: no moment of trust").doesNotContain("Written by Chartroom");
    }

    @Test
    void thePortalIsNoSuperuserAndReadsOrWritesNoFileOfTheServer() throws Exception {
        Path key = data.root().resolve("audit.key");
        assertThat(key).exists();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(single(s, "select current_user")).isEqualTo("chartroom");
            assertThat(single(s, "select rolsuper::text from pg_roles where rolname = current_user")).isEqualTo("false");
            assertThat(single(s, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
                    .as("the portal's database is its own").isEqualTo("chartroom");
            assertThat(single(s, "select count(*)::text from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where n.nspname = 'public' and c.relowner <> (select oid from pg_roles where rolname = current_user)"))
                    .as("Flyway made every table as the portal's role").isEqualTo("0");

            assertThatThrownBy(() -> single(s, "select pg_read_file('" + key.toAbsolutePath() + "')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for function pg_read_file");
            assertThatThrownBy(() -> single(s, "select pg_read_file('postgresql.conf')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for function pg_read_file");
            Path target = Files.createTempDirectory("copy-to").resolve("x");
            assertThatThrownBy(() -> s.execute("copy (select 1) to '" + target + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("pg_write_server_files");
            assertThat(target).doesNotExist();
            assertThatThrownBy(() -> s.execute("copy audit_event from '" + key.toAbsolutePath() + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("pg_read_server_files");
        }
    }

    /**
     * A data directory from before the portal's role: its database, made and migrated by the postgres superuser, is
     * handed over at start (tables, identity and standalone sequences, the append-only trigger's function, a view, a
     * type), and the portal's role then runs the next Flyway migration on it.
     */
    @Test
    void aDatabaseThatPostgresOwnsIsHandedToThePortalsRole() throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(POSTGRES, false);
        try {
            String database = "legacy_" + System.nanoTime();
            String superuserUrl = dataSource.getJdbcUrl().replaceFirst("/[^/?]+\\?.*$", "/postgres");
            try (Connection c = DriverManager.getConnection(superuserUrl, "postgres", server.password()); Statement s = c.createStatement()) {
                s.execute("create database " + database);
            }
            String legacyUrl = superuserUrl.replaceFirst("/postgres$", "/" + database);
            Flyway.configure().dataSource(legacyUrl, "postgres", server.password()).locations("classpath:db/migration").load().migrate();
            try (Connection c = DriverManager.getConnection(legacyUrl, "postgres", server.password()); Statement s = c.createStatement()) {
                s.execute("create sequence standalone_counter");
                s.execute("create view newest_audit as select id from audit_event order by id desc limit 1");
                s.execute("create type shade as enum ('light', 'dark')");
            }

            String portalUrl = server.createDatabaseIfMissing(database);
            assertThat(portalUrl).contains("user=chartroom");
            try (Connection c = DriverManager.getConnection(portalUrl, "chartroom", server.portalPassword()); Statement s = c.createStatement()) {
                assertThat(single(s, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()")).isEqualTo("chartroom");
                assertThat(single(s, """
                        select count(*)::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = 'public' and c.relowner <> (select oid from pg_roles where rolname = 'chartroom')"""))
                        .isEqualTo("0");
                assertThat(single(s, "select pg_get_userbyid(proowner) from pg_proc where proname = 'audit_event_append_only'"))
                        .isEqualTo("chartroom");
                assertThat(single(s, "select pg_get_userbyid(typowner) from pg_type where typname = 'shade'")).isEqualTo("chartroom");
                assertThat(single(s, "select nextval('standalone_counter')::text")).isEqualTo("1");
            }
            // the next migration, as the portal's role: it alters tables and replaces the trigger's function
            Flyway.configure().dataSource(portalUrl, "chartroom", server.portalPassword())
                    .locations("classpath:db/migration", "classpath:db/portal-role-check").load().migrate();
            try (Connection c = DriverManager.getConnection(portalUrl, "chartroom", server.portalPassword()); Statement s = c.createStatement()) {
                assertThat(single(s, "select count(*)::text from portal_role_check")).isEqualTo("1");
            }
            assertThat(server.createDatabaseIfMissing(database)).as("a second start finds nothing to hand over").isEqualTo(portalUrl);
        } finally {
            server.release();
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
