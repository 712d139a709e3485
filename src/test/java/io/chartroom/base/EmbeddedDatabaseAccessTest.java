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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The embedded PostgreSQL trusts no local connection: without the generated password nobody on the machine
 * gets in, and its binaries and password live in owner-only places.
 */
@IntegrationTest
class EmbeddedDatabaseAccessTest {

    @Autowired HikariDataSource dataSource;

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

        Path postgres = Path.of("target/test-postgres");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("target/test-postgres-binaries"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("target/test-postgres.password"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(postgres.resolve("pg_hba.conf"))).contains("scram-sha-256").doesNotContainPattern("(?m)^[^#]*\\btrust\\b")
                .as("initdb itself required passwords: no moment of trust").doesNotContain("Written by Chartroom");
    }
}
