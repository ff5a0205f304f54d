package jp.renkei.hub.fhir.views;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/** The entries every view's Bundle shares: resources with their source facility, and the withheld notice. */
@Component
public class ViewBundles {

    /** Extension on a Bundle entry (and a Composition section entry's narrative) naming the source facility. */
    public static final String SOURCE_FACILITY_EXTENSION =
            "https://renkei-hub.jp/fhir/StructureDefinition/source-facility";

    private final SourceFacilities facilities;

    public ViewBundles(SourceFacilities facilities) {
        this.facilities = facilities;
    }

    /** Adds {@code resource} with its full URL and, as an entry extension, the facility it came from. */
    public Bundle.BundleEntryComponent add(Bundle bundle, Resource resource, RequestDetails request) {
        Bundle.BundleEntryComponent entry = bundle.addEntry().setResource(resource).setFullUrl(fullUrl(resource, request));
        String source = SourceFacilities.sourceOf(resource);
        if (!source.isEmpty()) {
            entry.addExtension(SOURCE_FACILITY_EXTENSION, facilities.reference(source));
        }
        return entry;
    }

    /**
     * An information OperationOutcome naming the facilities whose data about the patient the consent gate
     * withheld (by name, nothing of their data), or that nothing was withheld; {@code null} when nothing was.
     */
    public OperationOutcome withheldNotice(PatientData data) {
        if (data.withheldSources().isEmpty()) {
            return null;
        }
        OperationOutcome outcome = new OperationOutcome();
        for (String facility : data.withheldSources()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.SUPPRESSED)
                    .setDiagnostics(withheldText(facility));
        }
        return outcome;
    }

    /** The sentence shown for one withheld facility. */
    public String withheldText(String facilityId) {
        return facilities.name(facilityId) + " (" + facilityId + ") の情報は、患者の同意がないため表示していません"
                + " (withheld: no consent covers your facility)";
    }

    /** {@code <server base>/Type/id} for stored resources, a fresh {@code urn:uuid:} for generated ones. */
    public static String fullUrl(Resource resource, RequestDetails request) {
        if (resource.getIdElement().hasResourceType() && resource.getIdElement().hasIdPart()) {
            return resource.getIdElement().withServerBase(request.getFhirServerBase(), resource.fhirType())
                    .toUnqualifiedVersionless().getValue();
        }
        if (!resource.hasId()) {
            resource.setId(org.hl7.fhir.r4.model.IdType.newRandomUuid());
        }
        return resource.getId();
    }
}
