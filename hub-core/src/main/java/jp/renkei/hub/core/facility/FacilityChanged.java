package jp.renkei.hub.core.facility;

/**
 * Published after a transaction that applied for, changed the details of, or changed the status of a
 * facility has committed; carries the facility as committed. Listen with a plain {@code @EventListener}:
 * there is no transaction left to wait for.
 */
public record FacilityChanged(Facility facility) {
}
