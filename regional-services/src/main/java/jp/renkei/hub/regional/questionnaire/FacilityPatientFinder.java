package jp.renkei.hub.regional.questionnaire;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.fhir.patient.PatientStore;
import jp.renkei.hub.fhir.views.SourceFacilities;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Finds a patient the facility holds: by the facility's own local patient ID, or by an event number the facility
 * itself has linked. The Patient must be the facility's own (its source-facility tag): a patient known only to
 * other facilities is not found, so staff learn nothing about who is treated elsewhere.
 */
@Component
public class FacilityPatientFinder {

    private final PatientStore patients;
    private final PatientCrossReference crossReference;
    private final SourceFacilities facilities;

    FacilityPatientFinder(PatientStore patients, PatientCrossReference crossReference, SourceFacilities facilities) {
        this.patients = patients;
        this.crossReference = crossReference;
        this.facilities = facilities;
    }

    /** {@code typed} is an event number (16 digits, hyphens allowed) or else a local patient ID. */
    public Optional<FacilityPatient> find(String facilityId, String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        String digits = text.replaceAll("[\\s\\-]", "");
        if (digits.matches("[1-9][0-9]{15}")) {
            try {
                Optional<EventNumber> number = crossReference.resolve(EventNumber.parse(digits));
                return number.flatMap(n -> crossReference.localIdsOf(n, facilityId).stream().findFirst())
                        .flatMap(local -> byLocalId(facilityId, local));
            } catch (ApiException badCheckDigit) {
                return Optional.empty();
            }
        }
        return byLocalId(facilityId, text);
    }

    private Optional<FacilityPatient> byLocalId(String facilityId, String localId) {
        String code = facilities.code(facilityId);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        List<Patient> found = patients.byIdentifier(JpCoreSystems.facilityPatientIdSystem(code), localId).stream()
                .filter(p -> SourceFacilityStamp.sourcesOf(p).equals(List.of(facilityId))).toList();
        if (found.size() != 1) {
            return Optional.empty();
        }
        Patient patient = found.get(0);
        String number = crossReference.eventNumberOf(new FacilityPatientId(facilityId, localId))
                .map(EventNumber::formatted).orElse(null);
        String birth = patient.hasBirthDateElement() ? patient.getBirthDateElement().getValueAsString() : null;
        return Optional.of(new FacilityPatient(patient.getIdElement().getIdPart(), localId, number, name(patient),
                birth != null && birth.length() == 10 ? LocalDate.parse(birth) : null));
    }

    /** The kanji name (JP Core's IDE representation) or else the first name. */
    private static String name(Patient patient) {
        return patient.getName().stream()
                .filter(n -> n.getExtension().stream().anyMatch(e -> JpCoreSystems.NAME_REPRESENTATION.equals(e.getUrl())
                        && e.getValue() != null && "IDE".equals(e.getValue().primitiveValue())))
                .findFirst().or(() -> patient.getName().stream().findFirst())
                .map(FacilityPatientFinder::text).orElse("");
    }

    private static String text(HumanName name) {
        return name.hasText() ? name.getText()
                : ((name.hasFamily() ? name.getFamily() : "") + " " + name.getGivenAsSingleString()).strip();
    }
}
