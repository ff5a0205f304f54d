package jp.renkei.hub.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditRecord;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditEventMapperTest {

    private static final Instant AT = Instant.parse("2025-04-01T01:02:03.456789Z");
    private static final FhirContext R4 = FhirContext.forR4Cached();

    private final AuditEventMapper mapper = new AuditEventMapper();

    private static AuditRecord record(String actorKind, AuditAction action, AuditOutcome outcome, String patientRef,
                                      String resource, String purpose, String detail) {
        return new AuditRecord(42, AT, actorKind, "dr-tanaka", "fac-0101", List.of("DOCTOR", "FACILITY_ADMIN"),
                patientRef, action, resource, outcome, 200, purpose, "192.0.2.10", detail, "0".repeat(64), "a".repeat(64));
    }

    @Test
    void aReadOfAPatientsObservationIsARestfulReadWithRequestorObserverAndEntities() {
        AuditEvent event = mapper.toFhir(record("PERSON", AuditAction.READ, AuditOutcome.SUCCESS, "Patient/7",
                "GET /fhir/Observation/42/_history/3", "TREAT", null));

        assertThat(event.getIdElement().getIdPart()).isEqualTo("42");
        assertThat(event.getType()).extracting(Coding::getSystem, Coding::getCode)
                .containsExactly("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest");
        assertThat(event.getSubtype()).extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(tuple("http://hl7.org/fhir/restful-interaction", "read"));
        assertThat(event.getAction()).isEqualTo(AuditEventAction.R);
        assertThat(event.getRecorded()).isEqualTo(Date.from(AT));
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._0);
        assertThat(event.hasOutcomeDesc()).isFalse();
        assertThat(event.getPurposeOfEvent()).flatExtracting(CodeableConcept::getCoding)
                .extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(tuple("http://terminology.hl7.org/CodeSystem/v3-ActReason", "TREAT"));

        AuditEventAgentComponent requestor = event.getAgentFirstRep();
        assertThat(requestor.getRequestor()).isTrue();
        assertThat(requestor.getType().getCodingFirstRep().getCode()).isEqualTo("humanuser");
        assertThat(requestor.getWho().getIdentifier().getSystem()).isEqualTo(AuditEventMapper.ACTOR_ID_SYSTEM);
        assertThat(requestor.getWho().getIdentifier().getValue()).isEqualTo("dr-tanaka");
        assertThat(requestor.getRole()).flatExtracting(CodeableConcept::getCoding).extracting(Coding::getCode)
                .containsExactly("DOCTOR", "FACILITY_ADMIN");
        assertThat(requestor.getNetwork().getAddress()).isEqualTo("192.0.2.10");
        assertThat(requestor.getNetwork().getType()).isEqualTo(AuditEventAgentNetworkType._2);
        assertThat(event.getAgent().get(1).getRequestor()).isFalse();
        assertThat(event.getAgent().get(1).getWho().getIdentifier().getValue()).isEqualTo("fac-0101");

        assertThat(event.getSource().getObserver().getDisplay()).isEqualTo("Renkei Hub");
        assertThat(event.getEntity()).extracting(e -> e.getWhat().getReference(), e -> e.getRole().getCode())
                .containsExactly(tuple("Patient/7", "1"), tuple("Observation/42", "4"));
        assertThat(event.getEntity().get(1).getDescription()).isEqualTo("GET /fhir/Observation/42/_history/3");
        assertValidR4(event);
    }

    @Test
    void aDeniedLoginIsADicomUserAuthenticationWithAMinorFailure() {
        AuditEvent event = mapper.toFhir(record("PERSON", AuditAction.AUTHENTICATE, AuditOutcome.UNAUTHENTICATED,
                null, "POST /login", null, "wrong one-time password"));

        assertThat(event.getType()).extracting(Coding::getSystem, Coding::getCode)
                .containsExactly("http://dicom.nema.org/resources/ontology/DCM", "110114");
        assertThat(event.getSubtype()).extracting(Coding::getCode).containsExactly("110122");
        assertThat(event.getAction()).isEqualTo(AuditEventAction.E);
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._4);
        assertThat(event.getOutcomeDesc()).isEqualTo("wrong one-time password");
        assertThat(event.getPurposeOfEvent()).isEmpty();
        assertThat(event.getEntity()).extracting(e -> e.getRole().getCode()).containsExactly("4");
        assertThat(event.getEntity().get(0).hasWhat()).isFalse();
        assertValidR4(event);
    }

    @Test
    void aSystemsSearchByEventNumberCarriesTheQueryAndThePatientIdentifier() {
        String query = "GET /fhir/MedicationDispense?patient=Patient/7&_count=50";
        AuditEvent event = mapper.toFhir(record("SYSTEM", AuditAction.SEARCH, AuditOutcome.FAILED, "EV-2025-000123",
                query, null, "timeout"));

        assertThat(event.getAction()).isEqualTo(AuditEventAction.E);
        assertThat(event.getSubtype()).extracting(Coding::getCode).containsExactly("search-type");
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._8);
        assertThat(event.getAgentFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("110153");
        assertThat(event.getEntity().get(0).getWhat().getIdentifier().getSystem())
                .isEqualTo(AuditEventMapper.EVENT_NUMBER_SYSTEM);
        assertThat(event.getEntity().get(0).getWhat().getIdentifier().getValue()).isEqualTo("EV-2025-000123");
        assertThat(event.getEntity().get(1).getRole().getCode()).isEqualTo("24");
        assertThat(new String(event.getEntity().get(1).getQuery(), StandardCharsets.UTF_8)).isEqualTo(query);
        assertValidR4(event);
    }

    @ParameterizedTest
    @CsvSource({
        "CREATE, C, create",
        "READ, R, read",
        "UPDATE, U, update",
        "DELETE, D, delete",
        "SEARCH, E, search-type",
        "EXECUTE, E, operation",
        "LOGOUT, E, 110123",
    })
    void everyActionHasItsFhirActionAndSubtype(AuditAction action, AuditEventAction fhirAction, String subtype) {
        AuditEvent event = mapper.toFhir(record("PERSON", action, AuditOutcome.SUCCESS, null, null, null, null));
        assertThat(event.getAction()).isEqualTo(fhirAction);
        assertThat(event.getSubtype()).extracting(Coding::getCode).containsExactly(subtype);
    }

    @Test
    void anAdministrativeActionIsARestfulExecuteWithoutAFhirInteraction() {
        AuditEvent event = mapper.toFhir(record("PERSON", AuditAction.ADMIN, AuditOutcome.DENIED, null,
                "POST /api/admin/facilities", null, "missing role HUB_ADMIN"));
        assertThat(event.getAction()).isEqualTo(AuditEventAction.E);
        assertThat(event.getSubtype()).isEmpty();
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._4);
        assertValidR4(event);
    }

    private static void assertValidR4(AuditEvent event) {
        FhirValidator validator = R4.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(
                new DefaultProfileValidationSupport(R4),
                new InMemoryTerminologyServerValidationSupport(R4),
                new CommonCodeSystemsTerminologyService(R4))));
        List<SingleValidationMessage> errors = validator.validateWithResult(event).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
        assertThat(errors).as(R4.newJsonParser().encodeResourceToString(event)).isEmpty();
    }
}
