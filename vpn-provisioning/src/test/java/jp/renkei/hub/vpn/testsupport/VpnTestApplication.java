package jp.renkei.hub.vpn.testsupport;

import java.io.IOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** hub-core and vpn-provisioning on a throw-away embedded PostgreSQL with the hub schema migrated by Flyway. */
@SpringBootApplication(scanBasePackages = {"jp.renkei.hub.core", "jp.renkei.hub.vpn"})
public class VpnTestApplication {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() throws IOException {
        return EmbeddedPostgres.builder().start();
    }

    /** Replaces hub-core's system clock: renewal and expiry tests look at certificates weeks ahead. */
    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
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
