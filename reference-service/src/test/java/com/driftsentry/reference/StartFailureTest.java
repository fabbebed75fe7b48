package com.driftsentry.reference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.driftsentry.reference.config.ServiceConfig;
import com.driftsentry.reference.embedded.EmbeddedStores;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The database and Redis' client start at the same time: when Redis cannot be reached the start fails, and the
 * database pool it had opened is closed with it (a release that failed to start holds no PostgreSQL connection).
 */
class StartFailureTest {
    @Test
    void aRedisThatCannotBeReachedFailsTheStartAndLeavesNoDatabaseConnectionOpen() throws Exception {
        EmbeddedStores stores = TestStores.shared();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of("PORT", "0", "DRIFTSENTRY_DB_POOL_SIZE", "4"))
                .withStores(stores.databaseUrl(), "redis://127.0.0.1:" + closed);
        long before = connections(stores);
        assertThrows(RuntimeException.class, () -> ReferenceService.start(config));
        await("the failed start's pool to close").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(before, connections(stores)));
    }

    /** Client connections to the database other than this one. */
    private static long connections(EmbeddedStores stores) throws Exception {
        try (Connection c = DriverManager.getConnection(stores.databaseUrl().jdbcUrl(), stores.databaseUrl().user(), stores.databaseUrl().password());
                ResultSet r = c.createStatement().executeQuery(
                        "select count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()")) {
            r.next();
            return r.getLong(1);
        }
    }
}
