package jp.renkei.hub.core;

import jp.renkei.hub.core.migration.MigrationModule;
import jp.renkei.hub.core.migration.MigrationModules;
import jp.renkei.hub.core.migration.ModuleMigrations;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every use of hub-core needs: its tables, migrated by Flyway in their own schema, each module's migrations
 * with their own history ({@link ModuleMigrations}).
 */
@Configuration(proxyBeanMethods = false)
public class HubCoreConfig {

    public static final String SCHEMA = "hub";

    /** The settings every module's Flyway shares; the locations and table here are hub-core's own. */
    @Bean
    FlywayConfigurationCustomizer hubSchemaMigrations() {
        MigrationModule hubCore = MigrationModules.IN_ORDER.get(0);
        return configuration -> configuration
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .locations(hubCore.locations().toArray(String[]::new))
                .table(hubCore.historyTable());
    }

    @Bean
    FlywayMigrationStrategy moduleMigrations() {
        return new ModuleMigrations(MigrationModules.IN_ORDER);
    }
}
