package jp.renkei.hub.consent;

/**
 * Where a consent (or one of its versions) stands. Only ACTIVE and WITHDRAWN are stored; EXPIRED is read
 * from the validity period at the moment of asking, SUPERSEDED is what any version but the latest reads as.
 */
public enum ConsentStatus {
    ACTIVE, WITHDRAWN, EXPIRED, SUPERSEDED
}
