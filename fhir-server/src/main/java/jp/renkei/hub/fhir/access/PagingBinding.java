package jp.renkei.hub.fhir.access;

import java.time.Duration;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jp.renkei.hub.core.security.Requester;

/**
 * Binds every search's paging ID to the requester that made the search: a page is shown only to that requester
 * (same person or system, same acting facility). Anyone else, and any unknown ID, gets the same answer as an
 * expired search, so a replayed link says nothing. Kept in memory for as long as HAPI keeps searches: after a
 * restart old paging links are refused, which is the safe side.
 */
final class PagingBinding {

    private final Cache<String, String> owners = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(2))
            .maximumSize(200_000)
            .build();

    void bind(String searchId, Requester requester) {
        owners.put(searchId, key(requester));
    }

    void check(String searchId, Requester requester) {
        String owner = searchId == null ? null : owners.getIfPresent(searchId);
        if (owner == null || !owner.equals(key(requester))) {
            throw NotKnown.searchPage(searchId);
        }
    }

    static String searchIdOf(RequestDetails request) {
        String[] values = request.getParameters().get("_getpages");
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String key(Requester requester) {
        return requester.kind() + "|" + requester.id() + "|" + requester.facilityId();
    }
}
