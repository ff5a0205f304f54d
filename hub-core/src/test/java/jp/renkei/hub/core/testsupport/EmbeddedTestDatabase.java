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

    public static EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder().start();
    }

    public static HikariDataSource pooled(EmbeddedPostgres postgres) {
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(postgres.getPostgresDatabase());
        pool.setMaximumPoolSize(POOL_SIZE);
        return pool;
    }
}
