package jp.renkei.hub.fhir.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentChange;
import jp.renkei.hub.consent.ConsentRecord;
import jp.renkei.hub.consent.ConsentStatus;
import jp.renkei.hub.consent.ConsentTerms;
import jp.renkei.hub.consent.ConsentVersion;
import jp.renkei.hub.consent.FacilityScope;
import jp.renkei.hub.consent.FormSummary;
import jp.renkei.hub.consent.ObtainedVia;
import jp.renkei.hub.consent.ValidityPeriod;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.fhir.HubSystems;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.junit.jupiter.api.Test;

class ConsentResourceMapperTest {

    private static final FhirContext R4 = FhirContext.forR4Cached();
    private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
    private static final EventNumber NUMBER = EventNumber.random();

    @Test
    void aListedConsentBecomesAnOptInPermitForItsRecipientsAndCustodians() {
        ConsentRecord record = record(ConsentStatus.ACTIVE, FacilityScope.only(Set.of("clinic-1", "pharmacy-2")),
                FacilityScope.only(Set.of("hospital-1")), new FormSummary("application/pdf", 1234));

        Consent consent = ConsentResourceMapper.toFhir(record, record.current(), T0.plusSeconds(60));

        assertThat(consent.getStatus()).isEqualTo(ConsentState.ACTIVE);
        assertThat(consent.getMeta().getProfile().get(0).getValue()).isEqualTo(ConsentResourceMapper.PROFILE);
        assertThat(consent.getPatient().getIdentifier().getSystem()).isEqualTo(HubSystems.EVENT_NUMBER);
        assertThat(consent.getPatient().getIdentifier().getValue()).isEqualTo(NUMBER.formatted());
        assertThat(consent.getCategory()).extracting(c -> c.getCodingFirstRep().getCode()).contains("59284-0", "CLINICAL");
        assertThat(consent.getProvision().getActor()).extracting(a -> a.getRole().getCodingFirstRep().getCode()
                + " " + a.getReference().getIdentifier().getValue())
                .containsExactly("IRCP clinic-1", "IRCP pharmacy-2", "CST hospital-1");
        assertThat(consent.getSourceAttachment().getUrl()).isEqualTo("/api/consents/" + record.id() + "/versions/1/form");
        assertThat(consent.getIdElement().getVersionIdPart()).isEqualTo("1");
        assertValidR4(consent);
    }

    @Test
    void withdrawnAndExpiredConsentsAreInactive() {
        ConsentRecord withdrawn = record(ConsentStatus.WITHDRAWN, FacilityScope.everyFacility(), FacilityScope.everyFacility(), null);
        ConsentRecord active = record(ConsentStatus.ACTIVE, FacilityScope.everyFacility(), FacilityScope.everyFacility(), null);

        assertThat(ConsentResourceMapper.toFhir(withdrawn, withdrawn.current(), T0.plusSeconds(60)).getStatus())
                .isEqualTo(ConsentState.INACTIVE);
        Consent expired = ConsentResourceMapper.toFhir(active, active.current(), T0.plusSeconds(400 * 86_400L));
        assertThat(expired.getStatus()).isEqualTo(ConsentState.INACTIVE);
        assertThat(expired.getProvision().getActor()).extracting(a -> a.getReference().getDisplay())
                .containsExactly("all participating facilities", "all participating facilities");
        assertValidR4(expired);
    }

    private static ConsentRecord record(ConsentStatus status, FacilityScope grantees, FacilityScope sources, FormSummary form) {
        ConsentTerms terms = new ConsentTerms(grantees, sources,
                new ValidityPeriod(T0, T0.plusSeconds(365 * 86_400L)), ObtainedVia.WRITTEN_FORM);
        return new ConsentRecord(UUID.randomUUID(), NUMBER, ConsentCategory.CLINICAL, List.of(
                new ConsentVersion(1, ConsentChange.RECORDED, status, terms, "hospital-1", "person-1", form, null, T0)));
    }

    private static void assertValidR4(Consent consent) {
        FhirValidator validator = R4.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(
                new DefaultProfileValidationSupport(R4),
                new InMemoryTerminologyServerValidationSupport(R4),
                new CommonCodeSystemsTerminologyService(R4))));
        Consent withoutProfile = consent.copy();
        withoutProfile.getMeta().getProfile().clear(); // JP-CLINS is not on this unit test's classpath
        List<SingleValidationMessage> errors = validator.validateWithResult(withoutProfile).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
        assertThat(errors).as(R4.newJsonParser().encodeResourceToString(consent)).isEmpty();
    }
}
