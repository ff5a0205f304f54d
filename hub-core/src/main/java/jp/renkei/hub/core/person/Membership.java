package jp.renkei.hub.core.person;

/** A person belongs to a facility, optionally as one of its administrators. */
public record Membership(String personId, String facilityId, boolean admin) {
}
