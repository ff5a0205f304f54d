package jp.renkei.hub.consent;

/** What produced a version of a consent. */
public enum ConsentChange {
    RECORDED, AMENDED, WITHDRAWN
}
