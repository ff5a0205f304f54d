package jp.renkei.hub.regional.letter;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import java.util.Optional;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.fhir.summary.RequesterSummaries;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * What a letter's author may attach: the patient's lab results and imaging studies that the consent gate shows
 * the author's facility, loaded as the patient page loads them (one gate decision per resource, audited).
 */
@Component
public class PatientRecords {

    /** The types a letter may attach. */
    public static final List<String> ATTACHABLE = List.of("Observation", "ImagingStudy");

    private final RequesterSummaries summaries;

    public PatientRecords(RequesterSummaries summaries) {
        this.summaries = summaries;
    }

    /** The attachable records the requester sees; empty when the patient is unknown or hidden from the requester. */
    public Optional<List<Resource>> attachable(Requester requester, EventNumber patient) {
        try {
            return Optional.of(summaries.view(requester, patient, ATTACHABLE, data -> data.visible().stream()
                    .filter(resource -> ATTACHABLE.contains(resource.fhirType())).toList()));
        } catch (BaseServerResponseException hiddenOrAbsent) {
            return Optional.empty();
        }
    }
}
