package jp.renkei.hub.fhir;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.dao.index.SearchParamWithInlineReferencesExtractor;
import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import ca.uhn.fhir.jpa.searchparam.extractor.ResourceIndexedSearchParams;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Extracts the search index of a resource a FHIR transaction creates once instead of twice.
 *
 * <p>HAPI (8.8) stores each resource a transaction creates in two passes: the entry is created first, with its
 * {@code urn:uuid:} references still unresolved and {@code performIndexing} off, then, once every entry has its
 * ID, the references are replaced and the resource is saved again with indexing on; only that second pass writes
 * index rows. For a new resource the first pass still extracts every search parameter (HAPI's
 * {@code updateEntity} extracts for version 1 whatever {@code performIndexing} says) and keeps nothing of it but
 * the entity's "which index tables have rows" flags, which the second pass does not recompute when the re-encoded
 * resource is unchanged (an entry without {@code urn:uuid:} references). This extractor skips the first pass's
 * extraction and sets those flags from what the second pass stores, so a transaction's index rows, links and flags
 * are what HAPI's own second pass gives them, for about half of the extraction work.
 *
 * <p>Outside transactions HAPI always indexes with {@code performIndexing} on, which this leaves unchanged; a
 * caller that creates without indexing gets no index rows in either case (HAPI's synchronizer runs only with
 * indexing on), and with this extractor no flags that claim rows either.
 */
public class IndexOnceInTransactions extends SearchParamWithInlineReferencesExtractor {

    /** HAPI's bean of the extractor ({@code JpaConfig#searchParamWithInlineReferencesExtractor}). */
    static final String BEAN = "searchParamWithInlineReferencesExtractor";

    @Override
    public void populateFromResource(RequestPartitionId partition, ResourceIndexedSearchParams params,
                                     TransactionDetails transaction, ResourceTable entity, IBaseResource resource,
                                     ResourceIndexedSearchParams existingParams, RequestDetails request,
                                     boolean performIndexing) {
        if (!performIndexing) {
            return;
        }
        super.populateFromResource(partition, params, transaction, entity, resource, existingParams, request, true);
        params.populateResourceTableSearchParamsPresentFlags(entity);
    }

    /** Puts this class in place of HAPI's extractor before any bean is made (HAPI's DAOs inject it by class). */
    static final class Registration implements BeanDefinitionRegistryPostProcessor {

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            if (!registry.containsBeanDefinition(BEAN)) {
                throw new IllegalStateException("HAPI's bean '" + BEAN + "' is missing: HAPI's configuration changed");
            }
            registry.removeBeanDefinition(BEAN);
            registry.registerBeanDefinition(BEAN, new RootBeanDefinition(IndexOnceInTransactions.class));
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        }
    }
}
