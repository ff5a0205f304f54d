package jp.renkei.hub.core.testsupport;

import java.io.IOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** hub-core on its own, on a throw-away embedded PostgreSQL with the hub schema migrated by Flyway. */
@SpringBootApplication(scanBasePackages = "jp.renkei.hub.core")
public class HubCoreTestApplication {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() throws IOException {
        return EmbeddedTestDatabase.start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        return EmbeddedTestDatabase.pooled(postgres);
    }
}
