package jp.renkei.hub.fhir.summary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.fhir.access.FhirRequesters;
import jp.renkei.hub.fhir.consent.ConsentGate;
import jp.renkei.hub.fhir.views.PatientData;
import jp.renkei.hub.fhir.views.PatientViews;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DocumentReference;
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
     * The summary and the data it was made from, with the person's documents (DocumentReference, Composition):
     * one load, one gate decision per resource and one audit entry, for a page that shows more than the
     * summary (lab trends, dispensing history, documents).
     *
     * @param summary the summary as {@link #summary} makes it
     * @param data    every visible resource of {@link #PAGE_TYPES}, the Patients included
     */
    public record Page(Summary summary, PatientData data) {
    }

    /** What a patient page loads: the summary's types, the documents and OTC drugs (MedicationStatement). */
    public static final List<String> PAGE_TYPES = pageTypes();

    /**
     * @throws ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException when the requester's facility holds
     *         no record of the person and no consent opens another facility's data to it (the view's 403)
     */
    public Summary summary(Requester requester, EventNumber number) {
        return view(requester, number, SummarySections.TYPES, this::summaryOf);
    }

    /** The summary and its data, with the documents; refused as {@link #summary} is. */
    public Page page(Requester requester, EventNumber number) {
        return view(requester, number, PAGE_TYPES, data -> new Page(summaryOf(data), data));
    }

    /**
     * Whether the requester may open the person's page at all (an own record, or a consent that shows another
     * facility's record); a number the hub never issued is {@code false}, like a person hidden from the
     * requester. Only the Patients are loaded; the decisions are audited as every view's are.
     */
    public boolean mayOpen(Requester requester, EventNumber number) {
        try {
            view(requester, number, List.of(), data -> data);
            return true;
        } catch (ForbiddenOperationException hiddenOrAbsent) {
            return false;
        }
    }

    /**
     * One document of the person that the gate shows the requester ({@code DocumentReference/<id>} or
     * {@code Composition/<id>}); empty when it is not the person's, not visible, or does not exist.
     */
    public Optional<org.hl7.fhir.r4.model.Resource> document(Requester requester, EventNumber number, String type,
                                                            String id) {
        if (!"DocumentReference".equals(type) && !"Composition".equals(type)) {
            return Optional.empty();
        }
        try {
            return view(requester, number, List.of(type), data -> data.visible().stream()
                    .filter(r -> r.fhirType().equals(type) && id.equals(r.getIdElement().getIdPart())).findFirst());
        } catch (ForbiddenOperationException hiddenOrAbsent) {
            return Optional.empty();
        }
    }

    /**
     * Loads the person's visible data of {@code types} as the requester, for this one call: the same consent
     * gate, and the audit entries of its decisions written when the call ends, also when it is refused.
     */
    public <T> T view(Requester requester, EventNumber number, Collection<String> types, Function<PatientData, T> use) {
        ServletRequestDetails request = new ServletRequestDetails();
        request.setOperation(PatientSummaryProvider.OPERATION);
        FhirRequesters.attach(request, requester);
        gate.startOperation(request, null);
        try {
            return use.apply(views.load(request, null, number.formatted(), types));
        } finally {
            // Writes the audit entries of the decisions taken, whether the view succeeded or was refused.
            gate.completeOperationSuccess(request, null);
        }
    }

    private Summary summaryOf(PatientData data) {
        Optional<Patient> subject = PatientSummaryProvider.subject(data);
        return new Summary(subject, PatientSummaryProvider.subjectLine(data, subject), sections.of(data),
                data.withheldSources().stream().sorted().toList());
    }

    private static List<String> pageTypes() {
        List<String> types = new ArrayList<>(SummarySections.TYPES);
        types.add(DocumentReference.class.getSimpleName());
        types.add(Composition.class.getSimpleName());
        // OTC drugs take part in the page's duplicate-medication check
        if (!types.contains("MedicationStatement")) {
            types.add("MedicationStatement");
        }
        return List.copyOf(types);
    }
}
