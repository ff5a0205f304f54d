package jp.renkei.hub.regional.pathway;

import java.util.List;
import java.util.Map;

/**
 * What the owner's staff give to start a pathway.
 *
 * @param participants stage code → the facilities named for it (registry IDs)
 */
public record PathwayStart(String templateCode, String eventNumber, Map<String, List<String>> participants) {
}
