package jp.renkei.hub.fhir.access;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * The one answer for "hidden" and "absent". Every path that could tell the two apart answers with these, built
 * here from the request alone (never from what was found), without HAPI's message codes, which differ between
 * the store's "not known" and the consent interceptor's rejection.
 */
public final class NotKnown {

    private NotKnown() {
    }

    /** 404 for an instance the requester may not see, or that does not exist. */
    public static ResourceNotFoundException resource(String type, String id) {
        return new ResourceNotFoundException("Resource " + type + "/" + id + " is not known");
    }

    /** 400 for a reference, in a resource being written, to something the requester may not see or that does not exist. */
    public static InvalidRequestException reference(String reference, String path) {
        return new InvalidRequestException("Resource " + reference + " not found, specified in path: " + path);
    }

    /** 410 for a page of a search that is not the requester's, or that does not exist (any more). */
    public static ResourceGoneException searchPage(String searchId) {
        return new ResourceGoneException("Search ID \"" + searchId + "\" does not exist and may have expired");
    }
}
