package jp.renkei.hub.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;

import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.renkei.hub.core.audit.AuditFilter;
import jp.renkei.hub.core.audit.AuditOutcome;
import org.junit.jupiter.api.Test;

class AuditEventSearchTest {

    @Test
    void noParametersMatchEveryEvent() {
        assertThat(AuditEventSearch.filter(null, null, null, null)).contains(AuditFilter.any());
    }

    @Test
    void aDateRangeBecomesFromInclusiveToExclusive() {
        DateRangeParam lessThan = new DateRangeParam(
                new DateParam("ge2025-04-01T00:00:00Z"), new DateParam("lt2025-04-02T00:00:00Z"));
        assertThat(AuditEventSearch.filter(lessThan, null, null, null)).get().satisfies(f -> {
            assertThat(f.from()).isEqualTo(Instant.parse("2025-04-01T00:00:00Z"));
            assertThat(f.to()).isEqualTo(Instant.parse("2025-04-02T00:00:00Z"));
        });
        DateRangeParam upToAndIncluding = new DateRangeParam(null, new DateParam("le2025-04-02T00:00:00Z"));
        assertThat(AuditEventSearch.filter(upToAndIncluding, null, null, null)).get().satisfies(f -> {
            assertThat(f.from()).isNull();
            assertThat(f.to()).isEqualTo(Instant.parse("2025-04-02T00:00:01Z"));
        });
    }

    @Test
    void theAgentIsTheActorsHubIdBareOrAsAReference() {
        assertThat(AuditEventSearch.filter(null, new ReferenceParam("dr-1"), null, null))
                .get().extracting(AuditFilter::actorId).isEqualTo("dr-1");
        assertThat(AuditEventSearch.filter(null, new ReferenceParam("Practitioner/dr-1"), null, null))
                .get().extracting(AuditFilter::actorId).isEqualTo("dr-1");
    }

    @Test
    void aBarePatientValueMatchesThePatientIdAndAnEventNumber() {
        assertThat(AuditEventSearch.filter(null, null, new ReferenceParam("Patient/7"), null))
                .get().extracting(AuditFilter::patientRefs).isEqualTo(Set.of("Patient/7"));
        assertThat(AuditEventSearch.filter(null, null, new ReferenceParam("EV-1"), null))
                .get().extracting(AuditFilter::patientRefs).isEqualTo(Set.of("Patient/EV-1", "EV-1"));
    }

    @Test
    void outcomeCodesSelectTheHubOutcomesMappedToThem() {
        assertThat(AuditEventSearch.filter(null, null, null, new TokenParam("4")))
                .get().extracting(AuditFilter::outcomes)
                .isEqualTo(Set.of(AuditOutcome.UNAUTHENTICATED, AuditOutcome.DENIED));
        assertThat(AuditEventSearch.filter(null, null, null, new TokenParam("0")))
                .get().extracting(AuditFilter::outcomes).isEqualTo(Set.of(AuditOutcome.SUCCESS));
        assertThat(AuditEventSearch.filter(null, null, null, new TokenParam("12"))).isEmpty();
        assertThatThrownBy(() -> AuditEventSearch.filter(null, null, null, new TokenParam("5")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("outcome");
    }

    @Test
    void chainedReferencesAreRefused() {
        assertThatThrownBy(() -> AuditEventSearch.filter(null, new ReferenceParam("name", "Tanaka"), null, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("chained");
    }
}
