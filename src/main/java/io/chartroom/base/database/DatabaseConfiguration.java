package io.chartroom.base.database;

import com.zaxxer.hikari.HikariDataSource;
import io.chartroom.base.settings.DataDirectory;
import io.chartroom.base.settings.InvalidSettingException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The data source: an external PostgreSQL when a URL is configured, otherwise the embedded one. The
 * connection is tried once at startup so that a wrong URL stops the portal with a message naming the setting.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "release")
    EmbeddedDatabaseHandle embeddedDatabase(DatabaseSettings settings, DataDirectory dataDirectory, Environment env) {
        if (externalUrl(settings, env) != null) {
            return EmbeddedDatabaseHandle.NONE;
        }
        Path dir = settings.embedded().directory() != null
                ? settings.embedded().directory()
                : dataDirectory.root().resolve("postgres");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dir, settings.embedded().clean());
        return new EmbeddedDatabaseHandle(server, server.createDatabaseIfMissing(settings.embedded().database()));
    }

    @Bean
    DatabaseMode databaseMode(EmbeddedDatabaseHandle embedded) {
        return new DatabaseMode(embedded.server() != null);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseSettings settings, EmbeddedDatabaseHandle embedded, Environment env) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName("chartroom");
        ds.setMaximumPoolSize(settings.poolSize());
        // a repository sync stages a whole index in a temporary table: keep it in memory (allocated only when used)
        ds.setConnectionInitSql("set temp_buffers = '64MB'");
        String setting;
        String external = externalUrl(settings, env);
        if (external != null) {
            boolean springStyle = StringUtils.hasText(env.getProperty("spring.datasource.url"));
            setting = springStyle ? "spring.datasource.url" : "chartroom.db.url (CHARTROOM_DB_URL)";
            ds.setJdbcUrl(external);
            ds.setUsername(blankToNull(springStyle ? env.getProperty("spring.datasource.username") : settings.username()));
            ds.setPassword(blankToNull(springStyle ? env.getProperty("spring.datasource.password") : settings.password()));
            ds.setConnectionTimeout(10_000);
        } else {
            setting = "chartroom.db.embedded";
            ds.setJdbcUrl(embedded.jdbcUrl());
            ds.setUsername(embedded.server().portalRole());
            ds.setPassword(embedded.server().portalPassword());
        }
        try (Connection c = ds.getConnection()) {
            log.info("Database: {} ({})", c.getMetaData().getURL(), c.getMetaData().getDatabaseProductVersion());
        } catch (SQLException | RuntimeException e) {
            ds.close();
            throw new InvalidSettingException(setting, "cannot connect to " + redact(ds.getJdbcUrl()) + ": " + rootMessage(e), e);
        }
        return ds;
    }

    private static String externalUrl(DatabaseSettings settings, Environment env) {
        String spring = env.getProperty("spring.datasource.url");
        if (StringUtils.hasText(spring)) {
            return spring;
        }
        return StringUtils.hasText(settings.url()) ? settings.url() : null;
    }

    private static String blankToNull(String value) {
        return StringUtils.hasText(value) ? value : null;
    }

    /** JDBC URLs may carry a password as a query parameter. */
    private static String redact(String url) {
        return url == null ? "" : url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** The embedded server this context uses, if any; released when the context closes. */
    record EmbeddedDatabaseHandle(EmbeddedPostgresServer server, String jdbcUrl) {
        static final EmbeddedDatabaseHandle NONE = new EmbeddedDatabaseHandle(null, null);

        void release() {
            if (server != null) {
                server.release();
            }
        }
    }
}
