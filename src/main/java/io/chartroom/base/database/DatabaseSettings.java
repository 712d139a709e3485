package io.chartroom.base.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the portal's own state lives. With no URL (neither chartroom.db.url / CHARTROOM_DB_URL nor
 * spring.datasource.url), Chartroom starts an embedded PostgreSQL under the data directory.
 */
@ConfigurationProperties("chartroom.db")
public record DatabaseSettings(
        String url,
        String username,
        String password,
        @DefaultValue("10") int poolSize,
        @DefaultValue Embedded embedded) {

    /**
     * @param directory the embedded server's data directory (default: postgres/ under the data directory)
     * @param database  the database to create and use on it
     * @param clean     wipe the directory at startup (tests only)
     */
    public record Embedded(Path directory, @DefaultValue("chartroom") String database, @DefaultValue("false") boolean clean) {}
}
