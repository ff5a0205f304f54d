package jp.renkei.hub.fhir;

import ca.uhn.fhir.jpa.searchparam.extractor.ResourceIndexedSearchParamComposite;
import ca.uhn.fhir.jpa.searchparam.extractor.SearchParamExtractorR4;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's R4 search-parameter extractor without the composite parameters' values.
 *
 * <p>HAPI (8.8) extracts every composite parameter of a stored resource ({@code Observation}'s
 * {@code code-value-quantity}, {@code component-code-value-concept}, …), but only its full-text (Hibernate
 * Search) index reads them; the JPA store answers a composite search by joining the components' own token,
 * quantity and date rows, which are extracted as before. The hub runs without Hibernate Search, so these values
 * were computed for every write and dropped (about 2 % of a write's request-thread CPU). Composite searches
 * still work: {@code TransactionIndexingIT} searches one.
 */
public class NoCompositeExtraction extends SearchParamExtractorR4 {

    /** HAPI's bean of the extractor ({@code SearchParamConfig#searchParamExtractor}). */
    static final String BEAN = "searchParamExtractor";

    @Override
    public SearchParamSet<ResourceIndexedSearchParamComposite> extractSearchParamComposites(
            IBaseResource resource, ISearchParamFilter filter) {
        return new SearchParamSet<>();
    }
}
