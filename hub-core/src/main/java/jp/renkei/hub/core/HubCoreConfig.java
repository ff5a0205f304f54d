package jp.renkei.hub.core;

import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every use of hub-core needs: its tables, migrated by Flyway in their own schema. */
@Configuration(proxyBeanMethods = false)
public class HubCoreConfig {

    public static final String SCHEMA = "hub";

    @Bean
    FlywayConfigurationCustomizer hubSchemaMigrations() {
        return configuration -> configuration
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/migration/hub");
    }
}
