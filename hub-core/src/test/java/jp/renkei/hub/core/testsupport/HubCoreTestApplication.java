package jp.renkei.hub.core.testsupport;

import java.io.IOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** hub-core on its own, on a throw-away embedded PostgreSQL with the hub schema migrated by Flyway. */
@SpringBootApplication(scanBasePackages = "jp.renkei.hub.core")
public class HubCoreTestApplication {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() throws IOException {
        return EmbeddedPostgres.builder().start();
    }

    /** Pooled as in the running hub: zonky's data source starts a PostgreSQL backend for every transaction. */
    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(postgres.getPostgresDatabase());
        pool.setMaximumPoolSize(20);
        return pool;
    }
}
