package jp.renkei.hub.consent;

import java.io.IOException;
import java.time.Clock;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.renkei.hub.core.testsupport.EmbeddedTestDatabase;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** hub-core with the consent registry, on a throw-away embedded PostgreSQL, with a clock tests can move. */
@SpringBootApplication(scanBasePackages = "jp.renkei.hub")
public class ConsentTestApplication {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() throws IOException {
        return EmbeddedTestDatabase.start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        return EmbeddedTestDatabase.pooled(postgres);
    }

    @Bean
    @Primary
    MovableClock movableClock() {
        return new MovableClock(Clock.systemUTC());
    }
}
