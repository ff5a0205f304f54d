package jp.renkei.hub.fhir.access;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import jp.renkei.hub.fhir.access.FhirSurface.Offer;

/** Refuses whatever {@link FhirSurface} does not offer, and conditional writes, before HAPI does any work. */
final class SurfaceRule {

    private SurfaceRule() {
    }

    static void check(RequestShape shape) {
        if (shape.conditional()) {
            throw new InvalidRequestException("Conditional create, update, patch and delete (If-None-Exist, "
                    + (shape.type() == null ? "Type" : shape.type()) + "?criteria) are not offered by the hub: the"
                    + " criteria would be matched against every facility's data. Search your own data (add _tag="
                    + "https://renkei-hub.jp/fhir/CodeSystem/source-facility|<your facility ID>) and write by resource ID.");
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
