package jp.renkei.hub.fhir.views;

import java.util.Collection;
import java.util.function.BiConsumer;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.stereotype.Component;

/**
 * The common start of every view operation: which person (type level {@code ?patient=<event number>}, or
 * instance level {@code Patient/<id>/$op}), then their data through the consent gate.
 */
@Component
public class PatientViews {

    /** The operations' parameter carrying the event number. */
    public static final String PATIENT_PARAMETER = "patient";

    private final EventNumberPatients patients;
    private final GatedPatientData data;

    public PatientViews(EventNumberPatients patients, GatedPatientData data) {
        this.patients = patients;
        this.data = data;
    }

    /** @param instance the Patient of an instance-level call, else {@code null} */
    public PatientData load(RequestDetails request, IIdType instance, String eventNumber, Collection<String> types) {
        return load(request, instance, eventNumber, types, (type, map) -> { });
    }

    /** As above, each type's search narrowed by {@code narrowing} (e.g. by code). */
    public PatientData load(RequestDetails request, IIdType instance, String eventNumber, Collection<String> types,
                            BiConsumer<String, SearchParameterMap> narrowing) {
        PatientRecord record;
        if (instance != null && instance.hasIdPart()) {
            if (eventNumber != null && !eventNumber.isBlank()) {
                throw new InvalidRequestException("give either Patient/<id>/$" + request.getOperation().replace("$", "")
                        + " or ?" + PATIENT_PARAMETER + "=<event number>, not both");
            }
            record = patients.byPatientId(instance.getIdPart());
        } else {
            record = patients.byEventNumber(PATIENT_PARAMETER, eventNumber);
        }
        return data.load(request, record, types, narrowing);
    }
}
