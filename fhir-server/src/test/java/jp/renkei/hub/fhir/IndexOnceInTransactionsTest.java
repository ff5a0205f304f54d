package jp.renkei.hub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import ca.uhn.fhir.jpa.searchparam.extractor.ResourceIndexedSearchParams;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HAPI's first pass over a resource a transaction creates (indexing off, no ID yet) marks it for the history
 * calculator, and writes no index; the first pass over a stored resource marks nothing.
 */
class IndexOnceInTransactionsTest {

    private final IndexOnceInTransactions extractor = new IndexOnceInTransactions();

    @AfterEach
    void clear() {
        FirstPassOfCreate.mark(null);
    }

    @Test
    void theFirstPassOfANewResourceMarksItAndIndexesNothing() {
        Patient patient = new Patient();
        ResourceIndexedSearchParams params = ResourceIndexedSearchParams.withSets();

        firstPass(new ResourceTable(), patient, params);

        assertThat(params.myTokenParams).isEmpty();
        assertThat(params.myStringParams).isEmpty();
        assertThat(FirstPassOfCreate.take(new Patient())).as("another resource").isFalse();
        firstPass(new ResourceTable(), patient, params);
        assertThat(FirstPassOfCreate.take(patient)).isTrue();
        assertThat(FirstPassOfCreate.take(patient)).as("taken once").isFalse();
    }

    @Test
    void aStoredResourceIsNotMarkedAndClearsAnOlderMark() {
        Patient fresh = new Patient();
        Patient stored = new Patient();
        firstPass(new ResourceTable(), fresh, ResourceIndexedSearchParams.withSets());
        ResourceTable entity = new ResourceTable();
        entity.setIdForUnitTest(42L);

        firstPass(entity, stored, ResourceIndexedSearchParams.withSets());

        assertThat(FirstPassOfCreate.take(stored)).isFalse();
        assertThat(FirstPassOfCreate.take(fresh)).isFalse();
    }

    private void firstPass(ResourceTable entity, Patient patient, ResourceIndexedSearchParams params) {
        extractor.populateFromResource(RequestPartitionId.allPartitions(), params, new TransactionDetails(), entity,
                patient, ResourceIndexedSearchParams.withSets(), null, false);
    }
}
