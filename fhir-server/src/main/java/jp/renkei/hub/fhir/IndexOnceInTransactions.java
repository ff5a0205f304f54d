package jp.renkei.hub.fhir;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.dao.index.SearchParamWithInlineReferencesExtractor;
import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import ca.uhn.fhir.jpa.searchparam.extractor.ResourceIndexedSearchParams;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;

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
 *
 * <p>The first pass of a new resource also encodes it to JSON, and HAPI keeps only that text's hash (the pass
 * creates no history row; the second pass encodes again and stores that text). This extractor runs right before
 * that encoding, so it marks the resource ({@link FirstPassOfCreate}) for the hub's history calculator
 * ({@code ca.uhn.fhir.jpa.dao.EncodeOnceHistoryCalculator}) to skip it.
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
            // HAPI encodes the resource right after this and keeps nothing of it for a new one (see the class).
            FirstPassOfCreate.mark(entity.getId().getId() == null ? resource : null);
            return;
        }
        FirstPassOfCreate.mark(null);
        super.populateFromResource(partition, params, transaction, entity, resource, existingParams, request, true);
        params.populateResourceTableSearchParamsPresentFlags(entity);
    }
}
