package jp.renkei.hub.bench.vanilla;

import java.util.Properties;

import javax.sql.DataSource;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import jp.renkei.hub.app.database.EmbeddedPostgresServer;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The least wiring of HAPI FHIR's JPA server (R4) of the hub's HAPI version: the same HAPI configuration classes
 * the hub imports ({@code FhirServerConfig}), HAPI's default {@link JpaStorageSettings}, the Hibernate settings
 * hapi-fhir-jpaserver-starter ships for PostgreSQL (its dialect, {@code hbm2ddl=update}, no JDBC batching, no
 * Hibernate Search, a pool of 10), and none of the hub's interceptors, providers or security.
 *
 * <p>Deliberately not a {@code @Configuration}: the bench loaders start the hub's own application in-process, whose
 * component scan covers {@code jp.renkei.hub}, and must not find a second data source here. Registered explicitly
 * by {@link VanillaHapiServer}, its {@code @Bean} methods and {@code @Import} work as well (lite mode; no bean
 * method calls another).
 */
@Import({
    ThreadPoolFactoryConfig.class,
    JpaR4Config.class,
    HapiJpaConfig.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    SubscriptionChannelConfig.class
})
public class VanillaHapiConfig {

    /** hapi-fhir-jpaserver-starter's {@code spring.datasource.hikari.maximum-pool-size}. */
    static final int POOL_SIZE = 10;

    @Bean
    public JpaStorageSettings jpaStorageSettings() {
        return new JpaStorageSettings(); // HAPI's defaults: referential integrity on, inline match URLs allowed
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(EmbeddedPostgresServer postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername(postgres.username());
        dataSource.setMaximumPoolSize(POOL_SIZE);
        dataSource.setPoolName("vanilla-hapi");
        return dataSource;
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext, JpaStorageSettings storageSettings, DataSource dataSource) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        Properties properties = new Properties();
        properties.put(AvailableSettings.DIALECT, "ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect");
        properties.put(AvailableSettings.HBM2DDL_AUTO, "update");
        properties.put(AvailableSettings.FORMAT_SQL, "false");
        properties.put(AvailableSettings.SHOW_SQL, "false");
        properties.put("hibernate.search.enabled", "false");
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setJpaProperties(properties);
        factory.setDataSource(dataSource);
        return factory;
    }

    @Primary
    @Bean
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    /** The FHIR endpoint: every resource type's provider, the system provider (transactions), paging, metadata. */
    @Bean
    public RestfulServer fhirRestfulServer(IFhirSystemDao<?, ?> systemDao, ResourceProviderFactory resourceProviders,
            JpaSystemProvider<?, ?> systemProvider, DatabaseBackedPagingProvider pagingProvider,
            JpaStorageSettings storageSettings, ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport));
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.registerInterceptor(new ResponseHighlighterInterceptor()); // as the starter and the hub have it
        return server;
    }
}
