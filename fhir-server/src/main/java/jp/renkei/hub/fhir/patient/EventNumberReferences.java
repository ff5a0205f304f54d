package jp.renkei.hub.fhir.patient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.fhir.HubSystems;
import org.springframework.stereotype.Component;

/**
 * Lets a search name its patient by event number, the way other facilities know the patient:
 * {@code Observation?patient=4821-0937-1150-6628} (or the 16 digits, or {@code Patient/<number>}) means every
 * facility's Patient resource that carries that number, so one query finds the patient's data from all
 * sources (the consent gate then decides what the requester sees). A merged number stands for its survivor.
 *
 * <p>The shape cannot be mistaken for a resource ID: the server assigns plain sequential numbers, which never
 * reach 16 digits, and client-assigned Patient IDs of this shape are refused ({@link #refuseAsResourceId}).
 * A well-formed number that no Patient carries matches nothing; a mistyped one (check digit) is a 400.
 */
@Component
public class EventNumberReferences {

    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{4}-\\d{4}-\\d{4}|\\d{16}");
    private static final Set<String> PATIENT_REFERENCES = Set.of("patient", "subject");
    /** Stands for "no Patient": a syntactically valid ID no resource can have (see the class comment). */
    private static final String NO_PATIENT = "0000-0000-0000-0000";

    private final PatientCrossReference crossReference;
    private final PatientStore patients;

    public EventNumberReferences(PatientCrossReference crossReference, PatientStore patients) {
        this.crossReference = crossReference;
        this.patients = patients;
    }

    /** Whether {@code idPart} is written like an event number. */
    public static boolean looksLikeEventNumber(String idPart) {
        return idPart != null && SHAPE.matcher(idPart).matches();
    }

    /** Refuses a client-assigned Patient ID that would read as an event number. */
    public static void refuseAsResourceId(String idPart) {
        if (looksLikeEventNumber(idPart)) {
            throw new InvalidRequestException("Patient ID " + idPart + " is written like an event management"
                    + " number, which searches use to name patients across facilities: choose another ID");
        }
    }

    /**
     * Replaces each event-number value of a patient reference parameter by the Patients carrying the number.
     *
     * @return whether anything was replaced (the answer then depends on the current cross-reference, so the
     *         search must not be reused later)
     */
    public boolean resolve(SearchParameterMap map) {
        boolean replaced = false;
        for (Map.Entry<String, List<List<IQueryParameterType>>> entry : map.entrySet()) {
            if (!PATIENT_REFERENCES.contains(entry.getKey())) {
                continue;
            }
            for (List<IQueryParameterType> or : entry.getValue()) {
                List<IQueryParameterType> resolved = new ArrayList<>();
                for (IQueryParameterType value : or) {
                    Optional<EventNumber> number = eventNumberIn(entry.getKey(), value);
                    if (number.isEmpty()) {
                        resolved.add(value);
                        continue;
                    }
                    replaced = true;
                    List<String> ids = patientIdsOf(number.get());
                    if (ids.isEmpty()) {
                        resolved.add(new ReferenceParam("Patient", null, NO_PATIENT));
                    }
                    ids.forEach(id -> resolved.add(new ReferenceParam("Patient", null, id)));
                }
                or.clear();
                or.addAll(resolved);
            }
        }
        return replaced;
    }

    /** The Patient resource IDs carrying {@code number} (after following a merge). */
    public List<String> patientIdsOf(EventNumber number) {
        return crossReference.resolve(number)
                .map(survivor -> patients.idsByIdentifier(HubSystems.EVENT_NUMBER, survivor.formatted()))
                .orElse(List.of());
    }

    private static Optional<EventNumber> eventNumberIn(String parameter, IQueryParameterType value) {
        if (!(value instanceof ReferenceParam reference) || reference.hasChain() || reference.getMissing() != null) {
            return Optional.empty();
        }
        String type = reference.getResourceType();
        if (type != null && !"Patient".equals(type)) {
            return Optional.empty();
        }
        String idPart = reference.getIdPart();
        if (!looksLikeEventNumber(idPart) || NO_PATIENT.equals(idPart)) {
            return Optional.empty();
        }
        return Optional.of(parse(parameter, idPart));
    }

    /** An event number given in request parameter {@code parameter}; a mistyped one is a 400 saying why. */
    public static EventNumber parse(String parameter, String text) {
        try {
            return EventNumber.parse(text);
        } catch (ApiException mistyped) {
            throw new InvalidRequestException(parameter + " '" + text + "' is not a valid event management number: "
                    + mistyped.fieldErrors().getOrDefault("eventNumber", mistyped.getMessage()));
        }
    }
}
