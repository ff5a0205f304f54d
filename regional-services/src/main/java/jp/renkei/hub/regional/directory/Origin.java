package jp.renkei.hub.regional.directory;

/**
 * Where a search measures distances from: a facility of the directory (its position) or a point.
 *
 * @param facilityId {@code null} for a point
 * @param label      the facility's name, or the point as text
 */
public record Origin(String facilityId, String label, Position position) {
}
