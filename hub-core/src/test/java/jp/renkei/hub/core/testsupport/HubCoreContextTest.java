package jp.renkei.hub.core.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@HubCoreTest
class HubCoreContextTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void flywayMigratesTheHubSchema() {
        assertThat(jdbc.sql("SELECT count(*) FROM hub.flyway_history_hub_core WHERE success").query(Integer.class).single())
                .isPositive();
    }
}
