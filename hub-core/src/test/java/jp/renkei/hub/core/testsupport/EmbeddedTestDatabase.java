package jp.renkei.hub.core.testsupport;

import java.io.IOException;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The throw-away PostgreSQL of the modules' test applications, pooled as in the running hub: zonky's own data
 * source starts a PostgreSQL backend for every connection, which made a concurrency test take minutes. No Spring
 * annotations: other modules' test applications scan {@code jp.renkei.hub} and declare the beans themselves.
 */
public final class EmbeddedTestDatabase {

    private static final int POOL_SIZE = 20;

    private EmbeddedTestDatabase() {
    }

    /**
     * Without zonky's own shutdown hook: it stopped PostgreSQL while Spring's hook was still closing the test
     * contexts, whose beans then waited the pool's 30 s for a connection, and Surefire killed the fork after 30 s
     * (half a minute lost in every module). The context's bean {@code destroyMethod} stops it after the pool.
     */
    public static EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
    }

    public static HikariDataSource pooled(EmbeddedPostgres postgres) {
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(postgres.getPostgresDatabase());
        pool.setMaximumPoolSize(POOL_SIZE);
        return pool;
    }
}
