package jp.renkei.hub.fhir.summary;

import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.fhir.access.FhirRequesters;
import jp.renkei.hub.fhir.consent.ConsentGate;
import jp.renkei.hub.fhir.views.PatientData;
import jp.renkei.hub.fhir.views.PatientViews;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * The patient summary of {@code Patient/$summary?patient=<event number>} for a requester outside the FHIR server
 * (the web portal): the same load, the same consent gate ({@link ConsentGate#mayShow}) deciding every resource for
 * this one call, and the same one audit entry per patient when it ends, also when it is refused.
 */
@Component
public class RequesterSummaries {

    /**
     * What the requester may see of one person.
     *
     * @param subject          the requester's own Patient of the person when visible, else the first visible one
     * @param subjectLine      name, birth date and event number as one line
     * @param sections         the summary's sections, in order, entries newest first
     * @param withheldSources  hub IDs of facilities whose data the gate withheld (names only may be shown)
     */
    public record Summary(Optional<Patient> subject, String subjectLine, List<SummarySection> sections,
                          List<String> withheldSources) {
    }

    private final PatientViews views;
    private final SummarySections sections;
    private final ConsentGate gate;

    public RequesterSummaries(PatientViews views, SummarySections sections, ConsentGate gate) {
        this.views = views;
        this.sections = sections;
        this.gate = gate;
    }

    /**
     * @throws ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException when the requester's facility holds
     *         no record of the person and no consent opens another facility's data to it (the view's 403)
     */
    public Summary summary(Requester requester, EventNumber number) {
        ServletRequestDetails request = new ServletRequestDetails();
        request.setOperation(PatientSummaryProvider.OPERATION);
        FhirRequesters.attach(request, requester);
        gate.startOperation(request, null);
        try {
            PatientData data = views.load(request, null, number.formatted(), SummarySections.TYPES);
            Optional<Patient> subject = PatientSummaryProvider.subject(data);
            return new Summary(subject, PatientSummaryProvider.subjectLine(data, subject), sections.of(data),
                    data.withheldSources().stream().sorted().toList());
        } finally {
            // Writes the audit entries of the decisions taken, whether the view succeeded or was refused.
            gate.completeOperationSuccess(request, null);
        }
    }
}
