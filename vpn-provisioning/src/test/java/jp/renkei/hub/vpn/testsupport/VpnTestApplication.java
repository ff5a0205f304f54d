package jp.renkei.hub.vpn.testsupport;

import java.io.IOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.renkei.hub.core.testsupport.EmbeddedTestDatabase;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** hub-core and vpn-provisioning on a throw-away embedded PostgreSQL with the hub schema migrated by Flyway. */
@SpringBootApplication(scanBasePackages = {"jp.renkei.hub.core", "jp.renkei.hub.vpn"})
public class VpnTestApplication {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() throws IOException {
        return EmbeddedTestDatabase.start();
    }

    /** Replaces hub-core's system clock: renewal and expiry tests look at certificates weeks ahead. */
    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        return EmbeddedTestDatabase.pooled(postgres);
    }
}
