package com.driftsentry.reference.store;

import com.driftsentry.reference.config.DatabaseUrl;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool, migrated to the current schema before the first request. */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;

    public Database(DatabaseUrl url, int poolSize, MeterRegistry metrics) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("driftsentry");
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(poolSize);
        // Short timeouts: a dead database must turn into a fast 503, not a pile of hung requests.
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(15_000);
        config.addDataSourceProperty("socketTimeout", "30");
        config.addDataSourceProperty("connectTimeout", "2");
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        this.pool = new HikariDataSource(config);
        Flyway.configure().dataSource(pool).load().migrate();
    }

    public DataSource dataSource() {
        return pool;
    }

    /** True when a connection can be had and answers within a second. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(1);
            return st.execute("select 1");
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
