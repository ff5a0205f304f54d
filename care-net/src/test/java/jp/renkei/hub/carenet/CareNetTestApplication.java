package jp.renkei.hub.carenet;

import java.io.IOException;
import java.time.Clock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** hub-core, the consent registry and care-net on a throw-away embedded PostgreSQL, with a
 * clock tests can move (the idle-room cleanup). */
@SpringBootApplication(scanBasePackages = "jp.renkei.hub")
public class CareNetTestApplication {

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

    @Bean
    @Primary
    MovableClock movableClock() {
        return new MovableClock(Clock.systemUTC());
    }
}
