package jp.renkei.hub.fhir.access;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.DataCategories;
import jp.renkei.hub.fhir.access.FhirSurface.Offer;

/**
 * Refuses whatever {@link FhirSurface} does not offer, and conditional writes whose criteria are not pinned to
 * the requester's own data ({@link MatchCriteria}), before HAPI does any work.
 */
final class SurfaceRule {

    private SurfaceRule() {
    }

    static void check(RequestShape shape, String facilityId, DataCategories categories) {
        if (shape.conditional()) {
            if (!shape.criteria().pinnedTo(facilityId)) {
                throw new InvalidRequestException("Conditional create, update, patch and delete (If-None-Exist, "
                        + (shape.type() == null ? "Type" : shape.type()) + "?criteria) are offered only within your"
                        + " own data: add _tag=" + HubSystems.SOURCE_FACILITY + "|" + facilityId + " to the"
                        + " criteria (otherwise they would be matched against every facility's data)");
            }
            SearchSideDoors.check(shape.type(), shape.criteria().parameters(), categories);
        }
        if (shape.system() != null) {
            return;
        }
        Offer offer = FhirSurface.offer(shape.type()).orElseThrow(() -> notOffered(shape));
        boolean offered = shape.operation() != null
                ? offer.offersOperation(shape.operation(), shape.instance())
                : shape.interaction().map(offer::offers).orElse(false);
        if (!offered) {
            throw notOffered(shape);
        }
    }

    private static MethodNotAllowedException notOffered(RequestShape shape) {
        return new MethodNotAllowedException("The hub does not offer " + shape.name() + " over FHIR; the resource"
                + " types, interactions and operations it offers are listed in its CapabilityStatement (/fhir/metadata)");
    }
}
