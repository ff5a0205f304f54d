package jp.renkei.hub.app.database;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no database URL configured, the hub runs its own PostgreSQL. Setting {@code spring.datasource.url}
 * (or {@code RENKEI_DB_URL}) switches this off and Spring Boot's ordinary DataSource takes over.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
public class EmbeddedDatabaseConfig {

    @Bean(destroyMethod = "close")
    public EmbeddedPostgresServer embeddedPostgres(
            EmbeddedDatabaseProperties properties, @Value("${renkei.home}") Path home) {
        EmbeddedDatabaseProperties resolved = properties.dataDirectory() != null
                ? properties
                : new EmbeddedDatabaseProperties(home.resolve("pgdata"), properties.port(),
                        properties.databaseName(), properties.ephemeral());
        return EmbeddedPostgresServer.start(resolved);
    }

    /** The pool is closed before the server it depends on, so shutdown never cuts live transactions. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(EmbeddedPostgresServer postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername(postgres.username());
        dataSource.setPoolName("renkei-embedded");
        return dataSource;
    }
}
