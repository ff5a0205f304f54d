package jp.renkei.hub.fhir.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ca.uhn.fhir.jpa.interceptor.JpaPreResourceAccessDetails;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.SimplePreResourceAccessDetails;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/** The gate's shortcut reads a search batch's resource IDs from HAPI's class (a HAPI upgrade must keep this). */
class GateConsentInterceptorTest {

    @Test
    void readsTheResourceIdsOfAJpaBatchWithoutLoadingIt() {
        var batch = new JpaPreResourceAccessDetails(List.of(JpaPid.fromId(17L), JpaPid.fromId(4L)), () -> {
            throw new AssertionError("the batch must not be loaded");
        });

        assertThat(GateConsentInterceptor.resourceIds(batch)).contains(List.of(17L, 4L));
    }

    @Test
    void aBatchOfSpecificVersionsOrOfLoadedResourcesIsNotShortCut() {
        var versioned = new JpaPreResourceAccessDetails(List.of(JpaPid.fromIdAndVersion(17L, 2L)), () -> null);
        var loaded = new SimplePreResourceAccessDetails(List.of(new Observation()));

        assertThat(GateConsentInterceptor.resourceIds(versioned)).isEmpty();
        assertThat(GateConsentInterceptor.resourceIds(loaded)).isEmpty();
    }
}
