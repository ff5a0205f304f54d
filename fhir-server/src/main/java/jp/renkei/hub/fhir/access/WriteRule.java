package jp.renkei.hub.fhir.access;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.renkei.hub.fhir.consent.ConsentGate;
import jp.renkei.hub.fhir.consent.DataCategories;
import jp.renkei.hub.fhir.consent.HubReads;
import jp.renkei.hub.fhir.model.ElementWalk;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.DeletedVersions;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.patient.PatientStore;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * The write rule: a facility creates, updates, patches and deletes only resources whose source is itself; a
 * resource it writes is about its own patients only (its own Patient, or another facility's Patient of a person
 * it has linked by event number) and may refer to other patient data only when the writer may see it (a
 * pharmacy's dispense names the hospital prescription it filled under the patient's consent). A reference can
 * never serve as a probe: a reference to something the writer may not see gets exactly the answer for a
 * reference to nothing. The hub's own writes (ingest, demo data, identifier sync) go through the DAOs without a
 * requester and are not subject to it; they are audited by the modules that make them.
 */
final class WriteRule {

    private static final String APPROVED_KEY = WriteRule.class.getName() + ".approved";

    private final DataCategories categories;
    private final HubReads reads;
    private final ConsentGate gate;
    private final PatientStore patients;

    WriteRule(DataCategories categories, HubReads reads, ConsentGate gate, PatientStore patients) {
        this.categories = categories;
        this.reads = reads;
        this.gate = gate;
        this.patients = patients;
    }

    /** Whether every source of {@code resource} is {@code facilityId} (a resource without a source is the hub's). */
    static boolean ownedBy(Resource resource, String facilityId) {
        List<String> sources = SourceFacilityStamp.sourcesOf(resource);
        return !sources.isEmpty() && sources.stream().allMatch(facilityId::equals);
    }

    static ForbiddenOperationException notYours(String type, String id) {
        return new ForbiddenOperationException("You may change only your own facility's data: " + type + "/" + id
                + " came from another facility");
    }

    /** The target of an update, patch or delete, as the store has it now: it must be the writer's own. */
    void requireOwned(Resource existing, String facilityId) {
        if (!ownedBy(existing, facilityId)) {
            throw notYours(existing.fhirType(), existing.getIdElement().getIdPart());
        }
    }

    /** Every reference in {@code resource} to patient data must name data the writer may see, and own patients. */
    void checkReferences(RequestDetails request, Resource resource, String facilityId) {
        for (var walked : ElementWalk.references(resource)) {
            String reference = walked.element().getReferenceElement().getValue();
            if (reference == null || reference.isEmpty() || reference.startsWith("#") || reference.startsWith("urn:")
                    || isAbsolute(reference)) {
                continue;
            }
            String path = resource.fhirType() + "." + walked.path();
            if (reference.contains("?")) {
                if (refusedMatchUrl(reference, facilityId)) {
                    throw inlineMatch(reference, path);
                }
                continue;
            }
            var id = walked.element().getReferenceElement();
            if (!id.hasResourceType() || !id.hasIdPart()
                    || categories.of(id.getResourceType()) instanceof DataCategories.NotGated) {
                continue;
            }
            String versionless = id.toUnqualifiedVersionless().getValue();
            Set<String> approved = approvedReferences(request);
            if (approved.contains(versionless)) {
                continue;
            }
            Resource target = reads.current(id.getResourceType(), id.getIdPart())
                    .filter(found -> !DeletedVersions.isDeleted(found))
                    .orElseThrow(() -> NotKnown.reference(id.toUnqualifiedVersionless().getValue(), path));
            if (!gate.mayShow(request, target)) {
                throw NotKnown.reference(id.toUnqualifiedVersionless().getValue(), path);
            }
            if (target instanceof Patient patient && !ownedBy(patient, facilityId) && !holds(patient, facilityId)) {
                throw new InvalidRequestException("A resource you write may be about your own patients only: "
                        + id.toUnqualifiedVersionless().getValue() + " (in " + path + ") is another facility's"
                        + " patient whom your facility has not linked; link the patient (POST /api/patients/links)"
                        + " and refer to your own Patient");
            }
            approved.add(versionless);
        }
    }

    /**
     * References this request's writes may use, once checked: a transaction's many entries name the same Patient,
     * which is read and decided once per request, not once per entry (never longer: consents change).
     */
    @SuppressWarnings("unchecked")
    private static Set<String> approvedReferences(RequestDetails request) {
        return (Set<String>) request.getUserData().computeIfAbsent(APPROVED_KEY, key -> ConcurrentHashMap.newKeySet());
    }

    /** Whether the facility holds a Patient of its own with {@code patient}'s event number (linked to it). */
    private boolean holds(Patient patient, String facilityId) {
        return patient.getIdentifier().stream()
                .filter(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem()) && i.hasValue()
                        && i.getUse() != Identifier.IdentifierUse.OLD)
                .flatMap(i -> patients.byIdentifier(HubSystems.EVENT_NUMBER, i.getValue()).stream())
                .anyMatch(own -> ownedBy(own, facilityId));
    }

    /**
     * A match URL ({@code Type?criteria}) in a reference is resolved by HAPI against the whole store: allowed for
     * the directory types that everybody sees (a JP Core client names an Organization by its medical-institution
     * code), and for patient data only when pinned to the writer's own data ({@link MatchCriteria}).
     */
    boolean refusedMatchUrl(String reference, String facilityId) {
        String type = reference.substring(0, reference.indexOf('?'));
        if (type.isEmpty() || type.contains("/")) {
            return true;
        }
        return !(categories.of(type) instanceof DataCategories.NotGated)
                && !MatchCriteria.parse(reference).pinnedTo(facilityId);
    }

    /**
     * An absolute URL (another server: HAPI refuses those itself). Only the start counts: a match URL carries
     * absolute system URIs in its criteria ({@code Patient?identifier=https://…|…}).
     */
    static boolean isAbsolute(String reference) {
        return reference.startsWith("http://") || reference.startsWith("https://");
    }

    static InvalidRequestException inlineMatch(String reference, String path) {
        return new InvalidRequestException("Match URLs in references (" + reference + " in " + path + ") are offered"
                + " for patient data only within your own data (add _tag=" + HubSystems.SOURCE_FACILITY
                + "|<your facility ID>), otherwise they would be matched against every facility's data; or refer"
                + " to the resource by its ID");
    }
}
