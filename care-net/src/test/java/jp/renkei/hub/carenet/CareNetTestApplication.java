package jp.renkei.hub.carenet;

import java.io.IOException;
import java.time.Clock;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.renkei.hub.core.testsupport.EmbeddedTestDatabase;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** hub-core, the consent registry and care-net on a throw-away embedded PostgreSQL, with a
 * clock tests can move (the idle-room cleanup). */
@SpringBootApplication(scanBasePackages = "jp.renkei.hub")
public class CareNetTestApplication {

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
