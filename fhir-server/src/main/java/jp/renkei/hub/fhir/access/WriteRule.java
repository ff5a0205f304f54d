package jp.renkei.hub.fhir.access;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import jp.renkei.hub.fhir.consent.ConsentGate;
import jp.renkei.hub.fhir.consent.DataCategories;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import org.hl7.fhir.r4.model.Resource;

/**
 * The write rule: a facility creates, updates, patches and deletes only resources whose source is itself, and a
 * resource it writes may refer to patient data (the Patient included) only when that data is its own. So it
 * writes only about its own patients, never attaches data to another facility's records, and a reference can
 * never serve as a probe: a reference to something the writer may not see gets exactly the answer for a
 * reference to nothing. The hub's own writes (ingest, demo data, identifier sync) go through the DAOs without a
 * requester and are not subject to it; they are audited by the modules that make them.
 */
final class WriteRule {

    private final FhirContext context;
    private final DataCategories categories;
    private final HubReads reads;
    private final ConsentGate gate;

    WriteRule(FhirContext context, DataCategories categories, HubReads reads, ConsentGate gate) {
        this.context = context;
        this.categories = categories;
        this.reads = reads;
        this.gate = gate;
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

    /** Every reference in {@code resource} to patient data must name the writer's own data. */
    void checkReferences(RequestDetails request, Resource resource, String facilityId) {
        for (ResourceReferenceInfo info : context.newTerser().getAllResourceReferences(resource)) {
            String reference = info.getResourceReference().getReferenceElement().getValue();
            if (reference == null || reference.isEmpty() || reference.startsWith("#") || reference.startsWith("urn:")
                    || reference.contains("://")) {
                continue;
            }
            String path = resource.fhirType() + "." + info.getName();
            if (reference.contains("?")) {
                throw inlineMatch(reference, path);
            }
            var id = info.getResourceReference().getReferenceElement();
            if (!id.hasResourceType() || !id.hasIdPart()
                    || categories.of(id.getResourceType()) instanceof DataCategories.NotGated) {
                continue;
            }
            Resource target = reads.current(id.getResourceType(), id.getIdPart())
                    .filter(found -> !jp.renkei.hub.fhir.consent.DeletedVersions.isDeleted(found))
                    .orElseThrow(() -> NotKnown.reference(id.toUnqualifiedVersionless().getValue(), path));
            if (!gate.mayShow(request, target)) {
                throw NotKnown.reference(id.toUnqualifiedVersionless().getValue(), path);
            }
            if (!ownedBy(target, facilityId)) {
                throw new InvalidRequestException("A resource you write may refer only to your own facility's"
                        + " patient data: " + id.toUnqualifiedVersionless().getValue() + " (in " + path
                        + ") came from another facility");
            }
        }
    }

    static InvalidRequestException inlineMatch(String reference, String path) {
        return new InvalidRequestException("Match URLs in references (" + reference + " in " + path + ") are not"
                + " offered by the hub: they would be matched against every facility's data; refer to the resource"
                + " by its ID");
    }
}
