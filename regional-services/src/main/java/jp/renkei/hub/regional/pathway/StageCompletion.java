package jp.renkei.hub.regional.pathway;

import java.time.Instant;
import java.util.Map;

/**
 * A stage marked done by one of its facilities, with each goal achieved or not.
 *
 * @param goals goal code → achieved
 */
public record StageCompletion(String stageCode, String facilityId, String personId, String personName,
                              Instant completedAt, Map<String, Boolean> goals, String note) {
}
