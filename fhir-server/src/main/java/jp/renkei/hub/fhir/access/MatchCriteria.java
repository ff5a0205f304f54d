package jp.renkei.hub.fhir.access;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.renkei.hub.fhir.HubSystems;

/**
 * The criteria of a conditional create, update, patch or delete ({@code If-None-Exist: identifier=…},
 * {@code PUT Observation?identifier=…}) or of a match URL in a reference ({@code Patient?identifier=…}). HAPI
 * matches them against the whole store, so a facility may use them only when they are pinned to its own data
 * with {@code _tag=<source-facility>|<its facility ID>}: then the match can find nothing of anyone else's, and the
 * answer says nothing about other facilities' data.
 */
record MatchCriteria(Map<String, String[]> parameters) {

    static MatchCriteria parse(String query) {
        Map<String, List<String>> collected = new LinkedHashMap<>();
        if (query != null) {
            String text = query.contains("?") ? query.substring(query.indexOf('?') + 1) : query;
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                collected.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        collected.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
        return new MatchCriteria(parameters);
    }

    /** Whether an AND-ed {@code _tag} admits only {@code facilityId}'s own data. */
    boolean pinnedTo(String facilityId) {
        String[] tags = parameters.get("_tag");
        if (tags == null) {
            return false;
        }
        String own = HubSystems.SOURCE_FACILITY + "|" + facilityId;
        for (String tag : tags) {
            if (own.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
