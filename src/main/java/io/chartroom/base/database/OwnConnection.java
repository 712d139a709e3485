package io.chartroom.base.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A connection outside the pool, for a session that must live as long as its owner wants (a lock, a LISTEN): a pooled
 * one would go back to the pool still holding its session's state whenever it is dropped, and its pool may close it.
 */
final class OwnConnection {

    private OwnConnection() {
    }

    /**
     * An autocommit session outside the pool named {@code holder} ({@code application_name}): whoever looks at the
     * database's locks sees who holds them.
     */
    static Connection named(DataSource dataSource, String holder) throws SQLException {
        Connection session = open(dataSource);
        try {
            session.setAutoCommit(true);
            try (java.sql.PreparedStatement name = session.prepareStatement("select set_config('application_name', ?, false)")) {
                name.setString(1, holder);
                name.execute();
            }
            return session;
        } catch (SQLException e) {
            session.close();
            throw e;
        }
    }

    static Connection open(DataSource dataSource) throws SQLException {
        if (dataSource instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
            Properties properties = new Properties();
            properties.putAll(pool.getDataSourceProperties());
            if (pool.getUsername() != null) {
                properties.setProperty("user", pool.getUsername());
            }
            if (pool.getPassword() != null) {
                properties.setProperty("password", pool.getPassword());
            }
            return DriverManager.getConnection(pool.getJdbcUrl(), properties);
        }
        return dataSource.getConnection();
    }
}
