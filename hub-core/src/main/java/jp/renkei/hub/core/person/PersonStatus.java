package jp.renkei.hub.core.person;

/** INVITED until the person sets a password; LOCKED after too many failed logins; RETIRED for good. */
public enum PersonStatus {
    INVITED, ACTIVE, LOCKED, RETIRED
}
