package jp.renkei.hub.fhir;

import java.util.Set;

import javax.sql.DataSource;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.dao.EncodeOnceHistoryCalculator;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import jp.renkei.hub.fhir.access.CapabilityStatementFilter;
import jp.renkei.hub.fhir.access.FhirAccessGuard;
import jp.renkei.hub.fhir.access.FhirRequesters;
import jp.renkei.hub.fhir.access.FhirSurface;
import jp.renkei.hub.fhir.access.SurfaceRestfulServer;
import jp.renkei.hub.fhir.audit.AuditEventResourceProvider;
import jp.renkei.hub.fhir.consent.ConsentGate;
import jp.renkei.hub.fhir.consent.CrossFacilitySearchScope;
import jp.renkei.hub.fhir.consent.ConsentResourceProvider;
import jp.renkei.hub.fhir.consent.GateConsentInterceptor;
import jp.renkei.hub.fhir.consent.OwnDataTags;
import jp.renkei.hub.fhir.consent.HiddenEntryScrubber;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.dispensing.DispensingHistoryProvider;
import jp.renkei.hub.fhir.labtrend.LabTrendProvider;
import jp.renkei.hub.fhir.organization.CachedOrganizationIdentities;
import jp.renkei.hub.fhir.patient.IhePixProvider;
import jp.renkei.hub.fhir.patient.PatientIdentifierGuard;
import jp.renkei.hub.fhir.patient.PatientPrivacyInterceptor;
import jp.renkei.hub.fhir.search.OnePageSearches;
import jp.renkei.hub.fhir.summary.PatientSummaryProvider;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * Wires HAPI FHIR's JPA server (R4) into the Spring Boot application without HAPI's starter project:
 * HAPI's own configuration classes supply the DAOs, search, batch and validation beans; this class adds
 * the settings HAPI expects the host to provide and the RESTful server mounted at {@code /fhir/*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FhirServerProperties.class)
@Import({
    ThreadPoolFactoryConfig.class,
    JpaR4Config.class,
    HapiJpaConfig.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    SubscriptionChannelConfig.class,
    AuditEventResourceProvider.class
})
public class FhirServerConfig {

    public static final String FHIR_PATH = "/fhir";

    @Bean
    public JpaStorageSettings jpaStorageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        // Referential integrity is what turns a dangling reference into a 400 instead of stored garbage.
        settings.setEnforceReferentialIntegrityOnWrite(true);
        settings.setEnforceReferentialIntegrityOnDelete(true);
        settings.setAllowExternalReferences(false);
        // The hub's own writes refer to Organizations by identifier; a facility's match URL would be resolved
        // against every facility's data, so FhirAccessGuard refuses them for requesters before HAPI sees them.
        settings.setAllowInlineMatchUrlReferences(true);
        settings.setAutoCreatePlaceholderReferenceTargets(false);
        settings.setAllowMultipleDelete(false);
        settings.setExpungeEnabled(false);
        // No string index of every token's display text (the ":text" modifier, which nothing in the hub asks):
        // about a third fewer index rows per lab result. HAPI answers a ":text" search with 405 and says why.
        settings.setSuppressStringIndexingInTokens(true);
        // HAPI's table of search-parameter hash identities (hash -> resource type and parameter name) is read by no
        // HAPI feature the hub uses, only by an operator decoding hashes by hand; filling it costs a task per
        // search parameter at the first start (3 s of CPU) and a cache look-up per index row written or searched.
        settings.setWriteToSearchParamIdentityTable(false);
        return settings;
    }

    /** HAPI builds DAOs and providers only for the types FhirSurface says the hub stores (start-up time). */
    @Bean
    public static JpaStoreTypes jpaStoreTypes() {
        return new JpaStoreTypes(FhirSurface.storedTypes(), Set.copyOf(FhirContext.forR4Cached().getResourceTypes()));
    }

    /** A transaction's new resources are indexed once, not twice (write path; see the class). */
    @Bean
    static HapiBeanReplacement indexOnceInTransactions() {
        return new HapiBeanReplacement(IndexOnceInTransactions.BEAN, IndexOnceInTransactions.class);
    }

    /** ... and encoded once, not twice (write path; see the class). */
    @Bean
    static HapiBeanReplacement encodeOnceInTransactions() {
        return new HapiBeanReplacement("resourceHistoryCalculator", EncodeOnceHistoryCalculator.class);
    }

    /** Organizations' ID look-ups from HAPI's cache: the registry is never deleted (write path; see the class). */
    @Bean
    static HapiBeanReplacement cachedOrganizationIdentities() {
        return new HapiBeanReplacement(CachedOrganizationIdentities.BEAN, CachedOrganizationIdentities.class,
                IIdHelperService.class);
    }

    /** No composite search-parameter values, which only a full-text index would read (write path). */
    @Bean
    static HapiBeanReplacement noCompositeExtraction() {
        return new HapiBeanReplacement(NoCompositeExtraction.BEAN, NoCompositeExtraction.class);
    }

    /** The JP Core install starts right after the entity manager factory (start-up time). */
    @Bean
    static PackageInstallTrigger packageInstallTrigger() {
        return new PackageInstallTrigger();
    }

    /** Package content is read only once the packages are stored, which start-up does not wait for. */
    @Bean
    static PackageStoreGate packageStoreGate() {
        return new PackageStoreGate();
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    /** Whether HAPI's tables already have this version's schema (restarts skip Hibernate's update; see the class). */
    @Bean
    public HapiSchemaVersion hapiSchemaVersion(DataSource dataSource) {
        return new HapiSchemaVersion(dataSource);
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            JpaProperties jpaProperties,
            DataSource dataSource,
            HapiSchemaVersion schemaVersion) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        var properties = jpaProperties.getProperties();
        properties.putIfAbsent(AvailableSettings.DIALECT, "ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect");
        // Hibernate creates and updates HAPI's tables, unless they already have this version's schema (restarts).
        if (!properties.containsKey(AvailableSettings.HBM2DDL_AUTO)) {
            if (schemaVersion.isCurrent()) {
                properties.put(AvailableSettings.HBM2DDL_AUTO, "none");
            } else {
                properties.put(AvailableSettings.HBM2DDL_AUTO, "update");
                schemaVersion.updating();
            }
        }
        // A bundle's rows go to PostgreSQL as a few multi-row INSERTs (with the driver's reWriteBatchedInserts,
        // set on the pool in application.yml) instead of one round trip per row.
        properties.putIfAbsent(AvailableSettings.STATEMENT_BATCH_SIZE, "100");
        properties.putIfAbsent(AvailableSettings.ORDER_INSERTS, "true");
        properties.putIfAbsent(AvailableSettings.ORDER_UPDATES, "true");
        properties.putIfAbsent(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
        properties.putIfAbsent(AvailableSettings.USE_QUERY_CACHE, "false");
        properties.putIfAbsent("hibernate.search.enabled", "false");
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setJpaPropertyMap(properties);
        factory.setDataSource(dataSource);
        return factory;
    }

    @Primary
    @Bean
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    public RestfulServer fhirRestfulServer(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            JpaSystemProvider<?, ?> systemProvider,
            ValueSetOperationProvider valueSetOperations,
            DatabaseBackedPagingProvider pagingProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            InstalledProfiles installedProfiles,
            FhirServerProperties properties,
            DataSource dataSource,
            AuditEventResourceProvider auditEvents,
            IhePixProvider ihePix,
            PatientPrivacyInterceptor patientPrivacy,
            PatientIdentifierGuard patientIdentifiers,
            ConsentResourceProvider consents,
            SourceFacilityStamp sourceFacility,
            ConsentGate consentGate,
            OwnDataTags ownDataTags,
            CrossFacilitySearchScope crossFacilitySearches,
            HiddenEntryScrubber hiddenEntries,
            PatientSummaryProvider summaries,
            DispensingHistoryProvider dispensing,
            LabTrendProvider labTrends,
            FhirRequesters requesters,
            FhirAccessGuard accessGuard,
            CapabilityStatementFilter capabilities,
            OnePageSearches onePageSearches) {
        // Before the servlet takes searches; the DAOs exist, so Hibernate has created HAPI's tables.
        SearchCacheTables.apply(dataSource, properties.unloggedSearchCache());
        FhirContext context = systemDao.getContext();
        // Narratives are generated for people by the views that need them, not on every write.
        context.setNarrativeGenerator(new NullNarrativeGenerator());

        // HAPI's store has only FhirSurface's stored types (JpaStoreTypes): AuditEvents come only from the hub's
        // audit trail and Consents only from the consent registry, whose read-only views take their place.
        RestfulServer server = new SurfaceRestfulServer(context);
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(auditEvents);
        server.registerProvider(consents);
        server.registerProvider(ihePix);
        // The clinical views: they load as the hub and put every resource to the consent gate themselves.
        server.registerProvider(summaries);
        server.registerProvider(dispensing);
        server.registerProvider(labTrends);
        server.registerProvider(systemProvider);
        server.registerProvider(valueSetOperations);
        server.setServerConformanceProvider(new PackageProfilesCapabilityStatement(
                server, systemDao, storageSettings, searchParamRegistry, installedProfiles));

        pagingProvider.setDefaultPageSize(properties.defaultPageSize());
        pagingProvider.setMaximumPageSize(properties.maxPageSize());
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setServerAddressStrategy(properties.serverAddress().isBlank()
                ? new IncomingRequestAddressStrategy()
                : new HardcodedServerAddressStrategy(properties.serverAddress()));
        server.registerInterceptor(new ResponseHighlighterInterceptor());
        // First: the requester, captured once on the servlet thread for every rule below.
        server.registerInterceptor(requesters);
        server.registerInterceptor(capabilities);
        // On the server, not HAPI's global interceptor service: only requests made through /fhir are masked.
        server.registerInterceptor(patientPrivacy);
        server.registerInterceptor(patientIdentifiers);
        server.registerInterceptor(sourceFacility);
        // The consent gate: per-resource decisions by the consent registry on every read path of the JPA store.
        server.registerInterceptor(consentGate);
        server.registerInterceptor(crossFacilitySearches);
        server.registerInterceptor(new GateConsentInterceptor(consentGate, ownDataTags));
        // What may be asked at all, writes, instance access (hidden = absent), search side doors, paging.
        server.registerInterceptor(accessGuard);
        server.registerInterceptor(hiddenEntries);
        // Last of the search hooks: a patient's search whose answer fits one page skips HAPI's search cache.
        server.registerInterceptor(onePageSearches);
        return server;
    }

    @Bean
    public ServletRegistrationBean<RestfulServer> fhirServletRegistration(RestfulServer fhirRestfulServer) {
        ServletRegistrationBean<RestfulServer> registration =
                new ServletRegistrationBean<>(fhirRestfulServer, FHIR_PATH + "/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
