package jp.renkei.hub.fhir.patient;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.fhir.views.SourceFacilities;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * A facility's search among its own patients: by its local patient ID, or by the kana (or kanji) name. Only
 * Patients the facility itself wrote (its source-facility tag) are searched and returned, never another
 * facility's, so the answer says nothing about who is treated elsewhere. Each hit carries the (surviving)
 * event number when the patient is enrolled.
 */
@Component
public class OwnPatients {

    /** The most hits one search returns. */
    public static final int LIMIT = 50;

    /**
     * One of the facility's own patients.
     *
     * @param eventNumber the surviving event number, empty when the patient is not enrolled
     * @param name        the name in kanji (the first name, when none is marked as ideographic)
     * @param kana        the name in kana (syllabic), or {@code ""}
     * @param birthDate   or {@code null}
     * @param localId     the facility's own patient ID
     */
    public record OwnPatient(Optional<EventNumber> eventNumber, String name, String kana, LocalDate birthDate,
                             String localId) {
    }

    private final DaoRegistry daos;
    private final SourceFacilities facilities;
    private final PatientCrossReference crossReference;

    public OwnPatients(DaoRegistry daos, SourceFacilities facilities, PatientCrossReference crossReference) {
        this.daos = daos;
        this.facilities = facilities;
        this.crossReference = crossReference;
    }

    /** The facility's patient with this local ID (exact), if any. */
    public List<OwnPatient> byLocalId(String facilityId, String localId) {
        String code = facilities.code(facilityId);
        String id = localId == null ? "" : localId.strip();
        if (code == null || code.isEmpty() || id.isEmpty()) {
            return List.of();
        }
        SearchParameterMap map = own(facilityId);
        map.add(Patient.SP_IDENTIFIER, new TokenParam(JpCoreSystems.facilityPatientIdSystem(code), id));
        return search(facilityId, code, map);
    }

    /**
     * The facility's patients whose name (any part: family, given or the whole) starts with {@code name};
     * hiragana is read as katakana, and full-width spaces as spaces. At most {@link #LIMIT}, by kana.
     */
    public List<OwnPatient> byName(String facilityId, String name) {
        String text = katakana(name == null ? "" : name.replace('\u3000', ' ').strip());
        if (text.isEmpty()) {
            return List.of();
        }
        SearchParameterMap map = own(facilityId);
        map.add(Patient.SP_NAME, new StringParam(text));
        return search(facilityId, facilities.code(facilityId), map);
    }

    /** Hiragana (U+3041–U+3096) as the katakana kana names are written in. */
    static String katakana(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(c >= 0x3041 && c <= 0x3096 ? c + 0x60 : c));
        return out.toString();
    }

    private static SearchParameterMap own(String facilityId) {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.add("_tag", new TokenParam(HubSystems.SOURCE_FACILITY, facilityId));
        map.setLoadSynchronousUpTo(LIMIT);
        return map;
    }

    private List<OwnPatient> search(String facilityId, String code, SearchParameterMap map) {
        return daos.getResourceDao(Patient.class).search(map, new SystemRequestDetails()).getAllResources().stream()
                .map(Patient.class::cast)
                // the tag search decides; this keeps it so should the search ever match more
                .filter(p -> SourceFacilityStamp.sourcesOf(p).equals(List.of(facilityId)))
                .map(p -> hit(p, code))
                .sorted(Comparator.comparing(OwnPatient::kana).thenComparing(OwnPatient::localId))
                .limit(LIMIT)
                .toList();
    }

    private OwnPatient hit(Patient patient, String code) {
        String system = code == null ? "" : JpCoreSystems.facilityPatientIdSystem(code);
        String localId = patient.getIdentifier().stream().filter(i -> system.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue).findFirst().orElse("");
        Optional<EventNumber> number = patient.getIdentifier().stream()
                .filter(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem()) && i.hasValue())
                .filter(i -> i.getUse() != Identifier.IdentifierUse.OLD)
                .findFirst().map(i -> EventNumber.parse(i.getValue())).flatMap(crossReference::resolve);
        return new OwnPatient(number, name(patient, "IDE").or(() -> name(patient, null)).orElse(""),
                name(patient, "SYL").orElse(""), birthDate(patient), localId);
    }

    private static LocalDate birthDate(Patient patient) {
        String text = patient.hasBirthDateElement() ? patient.getBirthDateElement().getValueAsString() : null;
        return text != null && text.length() == 10 ? LocalDate.parse(text) : null;
    }

    /** The name with this representation ({@code null}: the first name). */
    private static Optional<String> name(Patient patient, String representation) {
        return patient.getName().stream()
                .filter(n -> representation == null || n.getExtension().stream()
                        .filter(e -> JpCoreSystems.NAME_REPRESENTATION.equals(e.getUrl()))
                        .map(Extension::getValue).anyMatch(v -> v != null && representation.equals(v.primitiveValue())))
                .map(OwnPatients::text).filter(t -> !t.isEmpty()).findFirst();
    }

    private static String text(HumanName name) {
        if (name.hasText()) {
            return name.getText();
        }
        return ((name.hasFamily() ? name.getFamily() : "") + " " + name.getGivenAsSingleString()).strip();
    }
}
